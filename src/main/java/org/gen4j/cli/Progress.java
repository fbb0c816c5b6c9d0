package org.gen4j.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.gen4j.em.IterationListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress bars (me.tongfei:progressbar: rate and time left) on the command's error stream, for work that takes
 * more than a moment: the batches of each training epoch, EM iterations across restarts. Shown on a terminal only:
 * silent in pipes, in tests and with {@code --json} or {@code --quiet}. {@code GEN4J_PROGRESS=always} draws them off
 * a terminal too (in a log), {@code never} hides them (or the system property {@code gen4j.progress}).
 */
final class Progress {
    private static final Progress OFF = new Progress(null);
    private final PrintWriter err;

    private Progress(PrintWriter err) {
        this.err = err;
    }

    /** Progress on {@code err} when it is a terminal and the command is not asked to be quiet (or to print JSON). */
    static Progress of(PrintWriter err, boolean quiet) {
        String setting = System.getProperty("gen4j.progress", System.getenv().getOrDefault("GEN4J_PROGRESS", "auto"))
                .toLowerCase(Locale.ROOT);
        boolean show = !quiet && switch (setting) {
            case "always" -> true;                      // a log or a test: drawn though not on a terminal
            case "never" -> false;
            default -> System.console() != null;
        };
        return show ? new Progress(err) : OFF;
    }

    boolean shown() {
        return err != null;
    }

    /** A DL4J listener showing each epoch's batches (a training step each) as one bar; nothing when not shown. */
    TrainingListener epochs(int epochs, long stepsPerEpoch) {
        return shown() ? new EpochBars(epochs, stepsPerEpoch) : new BaseTrainingListener() { };
    }

    /** An EM listener showing iterations across restarts as one bar, with the objective reached; close it after the fit. */
    EmBar em(String task, int restarts, int maxIterations) {
        return new EmBar(shown() ? bar(task, (long) restarts * maxIterations, "it") : null, maxIterations, restarts);
    }

    /** A bar over the named stages of a command with no finer count (each stage's name as its message). */
    Stages stages(String task, String... names) {
        return new Stages(shown() ? bar(task, names.length, "step") : null, names);
    }

    private ProgressBar bar(String task, long max, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" " + unit, 1).showSpeed()
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)                 // no colour codes: also readable in a log
                .setUpdateIntervalMillis(250).setConsumer(new Line(err)).build();
    }

    /** Batches of the current epoch. */
    private final class EpochBars extends BaseTrainingListener {
        private final int epochs;
        private final long steps;
        private ProgressBar current;
        private int epoch;

        EpochBars(int epochs, long steps) {
            this.epochs = epochs;
            this.steps = steps;
        }

        @Override
        public void onEpochStart(Model model) {
            close();
            epoch++;
            current = bar(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), steps, "batch");
        }

        @Override
        public void iterationDone(Model model, int iteration, int epochCount) {
            if (current != null) {
                current.step();
            }
        }

        @Override
        public void onEpochEnd(Model model) {
            if (current != null) {
                current.stepTo(current.getMax());
            }
            close();
        }

        private void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /** EM iterations of every restart on one bar; the objective so far as its message. */
    static final class EmBar implements IterationListener, AutoCloseable {
        private final ProgressBar bar;
        private final int maxIterations;
        private final int restarts;

        private EmBar(ProgressBar bar, int maxIterations, int restarts) {
            this.bar = bar;
            this.maxIterations = maxIterations;
            this.restarts = restarts;
        }

        @Override
        public void iterationDone(int run, int iteration, double objective) {
            if (bar != null) {
                bar.stepTo(Math.min((long) run * maxIterations + iteration, (long) restarts * maxIterations));
                bar.setExtraMessage(String.format(Locale.ROOT, " restart %d/%d, objective %.6g", run + 1, restarts, objective));
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.stepTo(bar.getMax());
                bar.close();
            }
        }
    }

    /** Stages done one after another: {@link #next()} starts the next; closing ends the bar. */
    static final class Stages implements AutoCloseable {
        private final ProgressBar bar;
        private final String[] names;
        private int done = -1;

        private Stages(ProgressBar bar, String[] names) {
            this.bar = bar;
            this.names = names;
            next();
        }

        /** The previous stage is done; the next one starts. */
        void next() {
            done++;
            if (bar != null) {
                bar.stepTo(done);
                bar.setExtraMessage(done < names.length ? " " + names[done] : "");
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.stepTo(names.length);
                bar.setExtraMessage("");
                bar.close();
            }
        }
    }

    /** The rendered bar on one line of the error stream, redrawn in place; the line ends when the bar closes. */
    private record Line(PrintWriter err) implements ProgressBarConsumer {
        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public void accept(String rendered) {
            err.print('\r');
            err.print(rendered);
            err.flush();
        }

        @Override
        public void close() {
            err.println();
            err.flush();
        }
    }
}
