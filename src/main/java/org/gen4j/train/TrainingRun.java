package org.gen4j.train;

import org.gen4j.core.AtomicFiles;
import org.gen4j.core.Gen4jException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a recipe: its folder ({@code <output>/<recipe>-<timestamp>/}), the per-iteration metrics, progress on
 * the terminal, and the report.
 */
public final class TrainingRun {
    private final Recipe recipe;
    private final Path folder;
    /** Held from the folder's first write to the end of the run. */
    private final RunFolderLock lock;
    private final PrintWriter terminal;
    private final boolean quiet;
    private final boolean interactive;
    private final java.io.Writer metrics;
    private final long start = System.nanoTime();
    private final Map<String, String> results = new LinkedHashMap<>();
    private final List<String> pictures = new ArrayList<>();
    private int maxIterations;
    /** Bars over each epoch's batches (the command line's, on a terminal); none by default. */
    private java.util.function.BiFunction<Integer, Long, org.deeplearning4j.optimize.api.TrainingListener> epochProgress;

    /** A new run: a new folder with the resolved recipe. */
    public TrainingRun(Recipe recipe, PrintWriter terminal, boolean quiet) {
        this(recipe, newFolder(recipe), terminal, quiet, List.of(), null);
    }

    private TrainingRun(Recipe recipe, Path folder, PrintWriter terminal, boolean quiet, List<String> keptMetrics, RunFolderLock held) {
        this.lock = held != null ? held : RunFolderLock.acquire(folder);
        this.recipe = recipe;
        this.terminal = terminal;
        this.quiet = quiet;
        this.interactive = System.console() != null;
        this.folder = folder;
        try {
            Files.createDirectories(folder);
            String resolved = RecipeReader.YAML.writeValueAsString(recipe.tree());
            AtomicFiles.write(folder.resolve("recipe.yaml"), out -> out.write(resolved.getBytes(StandardCharsets.UTF_8)));
            // metrics are written as they come, so that a killed run keeps them up to its last checkpoint
            this.metrics = Files.newBufferedWriter(folder.resolve("metrics.csv"), StandardCharsets.UTF_8);
            metrics.write("run,iteration,objective,heldOut,seconds\n");
            for (String line : keptMetrics) {
                metrics.write(line + "\n");
            }
            metrics.flush();
        } catch (IOException e) {
            lock.close();
            throw new Gen4jException("cannot create the run folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * A folder of its own, made here: runs started in the same millisecond (parallel search trials) once got the same
     * name and wrote into one folder; the second now takes {@code -2}, and so on.
     */
    private static Path newFolder(Recipe recipe) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path parent = Path.of(recipe.output());
        try {
            Files.createDirectories(parent);
            for (int attempt = 1; ; attempt++) {
                Path folder = parent.resolve(recipe.name() + "-" + stamp + (attempt == 1 ? "" : "-" + attempt));
                try {
                    return Files.createDirectory(folder);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // another run of this recipe started in the same millisecond: try the next name
                }
            }
        } catch (IOException e) {
            throw new Gen4jException("cannot create a run folder in " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reopens a run folder to continue from a checkpoint at (run, iteration): its recipe, and its metrics up to
     * that point (later lines were written after the checkpoint and will be written again).
     */
    public static TrainingRun resume(Path folder, int run, int iteration, PrintWriter terminal, boolean quiet) {
        RunFolderLock lock = RunFolderLock.acquire(folder);          // before anything of the folder is read or cut
        try {
            return resume(folder, run, iteration, terminal, quiet, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static TrainingRun resume(Path folder, int run, int iteration, PrintWriter terminal, boolean quiet, RunFolderLock lock) {
        Recipe recipe = RecipeReader.read(folder.resolve("recipe.yaml"), List.of());
        List<String> kept = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(folder.resolve("metrics.csv"));
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] cells = line.split(",");
                if (cells.length >= 2) {
                    int r = Integer.parseInt(cells[0]);
                    int i = Integer.parseInt(cells[1]);
                    if (r < run || r == run && i <= iteration) {
                        kept.add(line);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new Gen4jException("cannot read the metrics of " + folder + ": " + e.getMessage(), e);
        }
        return new TrainingRun(recipe, folder, terminal, quiet, kept, lock);
    }

    public Path folder() {
        return folder;
    }

    public Recipe recipe() {
        return recipe;
    }

    void expectIterations(int max) {
        this.maxIterations = max;
    }

    /** Records one iteration and shows progress: a bar with ETA on a terminal, one line per iteration in logs. */
    public void iteration(int run, int iteration, double objective) {
        iteration(run, iteration, objective, Double.NaN);
    }

    /** @param heldOut the held-out metric after this iteration, or NaN when not measured */
    public void iteration(int run, int iteration, double objective, double heldOut) {
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            metrics.write(run + "," + iteration + "," + objective + "," + (Double.isNaN(heldOut) ? "" : heldOut) + ","
                    + String.format("%.4f", seconds) + "\n");
            metrics.flush();
        } catch (IOException e) {
            throw new Gen4jException("cannot write " + folder.resolve("metrics.csv") + ": " + e.getMessage(), e);
        }
        if (quiet) {
            return;
        }
        if (interactive && maxIterations > 0) {
            int width = 30;
            int done = Math.min(width, (int) Math.round((double) iteration / maxIterations * width));
            double eta = iteration > 0 ? seconds / iteration * Math.max(0, maxIterations - iteration) : 0;
            terminal.printf("\r[%s%s] run %d iteration %d/%d  objective %.6g  eta %.1fs   ", "=".repeat(done),
                    " ".repeat(width - done), run, iteration, maxIterations, objective, eta);
        } else {
            terminal.printf("run %d iteration %d  objective %.6g  %.2fs%n", run, iteration, objective, seconds);
        }
        terminal.flush();
    }

    private double heldOutScore = Double.NaN;
    private volatile boolean stopRequested;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    /**
     * Makes Ctrl-C (SIGINT) stop the run cleanly: the JVM's shutdown waits (up to a minute) while the training
     * loop writes a checkpoint at the end of its current iteration and stops.
     */
    /**
     * Shows each epoch's batches through {@code bars} ({@code epochs}, steps per epoch → a DL4J listener) in the
     * network recipes; returns this run.
     */
    public TrainingRun withEpochProgress(java.util.function.BiFunction<Integer, Long, org.deeplearning4j.optimize.api.TrainingListener> bars) {
        this.epochProgress = bars;
        return this;
    }

    /** A listener drawing the batches of {@code epochs} epochs of {@code steps} each, or an inert one. */
    public org.deeplearning4j.optimize.api.TrainingListener epochProgress(int epochs, long steps) {
        return epochProgress == null || quiet ? new org.deeplearning4j.optimize.api.BaseTrainingListener() { }
                : epochProgress.apply(epochs, steps);
    }

    public void stopCleanlyOnInterrupt() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.getCount() == 0) {
                return;                                        // finished normally
            }
            stopRequested = true;
            try {
                stopped.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gen4j-clean-stop"));
    }

    /** Whether Ctrl-C asked the run to stop. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Tells a waiting Ctrl-C handler that the run has stopped (checkpoint written) or finished; frees the folder. */
    public void markStopped() {
        lock.close();
        stopped.countDown();
    }

    /** The held-out log-likelihood a search ranks runs by (per row or per step, as the family measures it). */
    public void heldOut(double score) {
        this.heldOutScore = score;
    }

    public double heldOutScore() {
        return heldOutScore;
    }

    public void result(String key, String value) {
        results.put(key, value);
    }

    public void picture(String fileName, String caption) {
        pictures.add("![" + caption + "](" + fileName + ")");
    }

    /** Backend, BLAS and threads, so that a report says what it ran on. */
    /** The computing type of the run's model: networks default to float32, mixtures and HMMs to float64. */
    private String dataTypeNote() {
        String family = recipe.family();
        if (family.equals("bn")) {
            return "";
        }
        boolean network = family.equals("vae") || family.equals("gan");
        return ", data type " + recipe.trainingString("dtype", network ? "float32" : "float64");
    }

    static String environment() {
        java.util.Properties env = org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation();
        String core = System.getenv("OPENBLAS_CORETYPE");
        return "gen4j " + org.gen4j.core.Gen4jVersion.current() + ", ND4J " + org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName()
                + " (" + env.get("backend") + "), BLAS " + env.get("blas.vendor") + " " + env.get("blas.threads") + " threads"
                + (core == null ? "" : " (" + core + ")") + ", " + env.get("omp.threads") + " OpenMP threads, Java "
                + System.getProperty("java.version");
    }

    /** A line for the user on the terminal (also with --quiet: it says where to look, not how far the run is). */
    public void note(String line) {
        terminal.println(line);
        terminal.flush();
    }

    /** Writes metrics.csv and report.md; returns the report's path. */
    public Path finish() {
        if (interactive && !quiet) {
            terminal.println();
        }
        results.put("wall time", String.format("%.2f s", (System.nanoTime() - start) / 1e9));
        results.put("environment", environment() + dataTypeNote());
        try {
            metrics.close();
        } catch (IOException e) {
            throw new Gen4jException("cannot write " + folder.resolve("metrics.csv") + ": " + e.getMessage(), e);
        }
        StringBuilder report = new StringBuilder("# Run of recipe `").append(recipe.name()).append("`\n\n")
                .append("Model family: ").append(recipe.family()).append(". The resolved recipe is `recipe.yaml`;")
                .append(" per-iteration numbers are in `metrics.csv`; the model is `model.gen4j`.\n\n")
                .append("| result | value |\n| --- | --- |\n");
        results.forEach((k, v) -> report.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        report.append('\n');
        pictures.forEach(p -> report.append(p).append("\n\n"));
        Path path = folder.resolve("report.md");
        AtomicFiles.write(path, out -> out.write(report.toString().getBytes(StandardCharsets.UTF_8)));
        return path;
    }
}
