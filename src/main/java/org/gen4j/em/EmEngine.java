package org.gen4j.em;

import org.gen4j.core.FitSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Expectation–maximisation, written once for every family: restarts, the iteration limit and tolerance,
 * listeners, checkpoints and resuming. The family supplies an {@link EmModel} (E-step per batch, M-step) and its
 * data as a {@link DataPass}; the best restart, by final objective, becomes the fitted model.
 *
 * <pre>{@code
 * EmEngine<Params, Batch, Stats, MyModel> em = new EmEngine<>(myEm, settings, mapping);
 * MyModel fitted = em.fit(seed -> initialParams(seed), DataPass.of(batches), null);
 * }</pre>
 *
 * @param <P> parameters, @param <B> batch, @param <S> statistics of a pass, @param <M> the fitted model
 */
public final class EmEngine<P, B, S extends EmStatistics<S>, M> {
    private final EmModel<P, B, S> model;
    private final Settings<M> settings;
    private final Mapping<P, M> mapping;

    /**
     * @param maxIter       iterations per restart
     * @param tol           see {@code convergence}
     * @param nInit         restarts, each from its own starting parameters
     * @param seed          restart r starts from the r-th long of {@code new Random(seed)}, resumed or not
     * @param listener      after every iteration
     * @param stateListener after every iteration, with the model so far (null: no models are made for it)
     */
    public record Settings<M>(int maxIter, double tol, Convergence convergence, int nInit, long seed,
                              IterationListener listener, FitState.Listener<M> stateListener) {
    }

    /** How the fitted model is made from parameters and read back (to resume). */
    public record Mapping<P, M>(BiFunction<P, FitSummary, M> model, Function<M, P> parameters,
                                Function<M, FitSummary> summary) {
    }

    public EmEngine(EmModel<P, B, S> model, Settings<M> settings, Mapping<P, M> mapping) {
        this.model = model;
        this.settings = settings;
        this.mapping = mapping;
    }

    /**
     * Runs every restart and returns the best.
     *
     * @param start  a restart's starting parameters from its seed
     * @param data   the passes over the training data
     * @param resume a state saved by the state listener, to continue exactly; null for a new fit
     */
    public M fit(LongFunction<P> start, DataPass.Source<P, B> data, FitState<M> resume) {
        Random seeds = new Random(settings.seed);
        Run<P> best = resume == null || resume.best() == null ? null : run(resume.best());
        int firstRun = resume == null ? 0 : resume.run();
        for (int run = 0; run < settings.nInit; run++) {
            long runSeed = seeds.nextLong();          // drawn for every restart, so restart r always gets the same seed
            if (run < firstRun) {
                continue;
            }
            Run<P> result;
            if (resume != null && run == firstRun) {
                Run<P> saved = run(resume.current());
                result = resume.runFinished() ? saved
                        : iterate(data.forRun(saved.parameters), saved.parameters, run, saved.history, best);
            } else {
                P parameters = start.apply(runSeed);
                result = iterate(data.forRun(parameters), parameters, run, new double[0], best);
            }
            if (best == null || result.objective > best.objective) {
                best = result;
            }
        }
        return model(best);
    }

    /** One run from given parameters (a warm start): no restarts. */
    public M fitFrom(P start, DataPass.Source<P, B> data) {
        return model(iterate(data.forRun(start), start, 0, new double[0], null));
    }

    private record Run<P>(P parameters, boolean converged, int iterations, double objective, double[] history) {
    }

    private Run<P> run(M fitted) {
        FitSummary fit = mapping.summary.apply(fitted);
        return new Run<>(mapping.parameters.apply(fitted), fit.converged(), fit.iterations(), fit.finalValue(), fit.history());
    }

    private M model(Run<P> run) {
        return mapping.model.apply(run.parameters, new FitSummary(run.converged, run.iterations, run.objective, run.history));
    }

    /** @param done the objectives of the iterations already run (when resuming) */
    private Run<P> iterate(DataPass<P, B> pass, P start, int run, double[] done, Run<P> best) {
        P current = start;
        List<Double> history = new ArrayList<>();
        for (double value : done) {
            history.add(value);
        }
        double objective = done.length == 0 ? Double.NEGATIVE_INFINITY : done[done.length - 1];
        boolean converged = false;
        int iteration = done.length;
        while (iteration < settings.maxIter) {
            org.gen4j.core.TrainingInterrupted.check();
            iteration++;
            double previous = objective;
            try (EmModel.Scope ignored = model.iterationScope()) {
                P now = current;
                S statistics = pass.statistics(model, now);
                objective = statistics.objective();
                current = model.maximize(now, statistics);
            }
            history.add(objective);
            settings.listener.iterationDone(run, iteration, objective);
            converged = settings.convergence.reached(previous, objective, settings.tol);
            if (settings.stateListener != null) {
                Run<P> now = new Run<>(current, converged, iteration, objective, toArray(history));
                settings.stateListener.stateAfter(new FitState<>(run, iteration, model(now),
                        converged || iteration == settings.maxIter, best == null ? null : model(best)));
            }
            if (converged) {
                break;
            }
        }
        return new Run<>(current, converged, iteration, objective, toArray(history));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
