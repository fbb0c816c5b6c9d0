package org.gen4j.train;

import org.gen4j.em.FitState;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.Networks;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.estimators.TableOptions;
import org.gen4j.bayesnet.readwrite.DotWriter;
import org.gen4j.bayesnet.structure.ChowLiu;
import org.gen4j.bayesnet.structure.Dag;
import org.gen4j.bayesnet.structure.HillClimbSearch;
import org.gen4j.bayesnet.structure.SearchOptions;
import org.gen4j.bayesnet.structure.StructureComparison;
import org.gen4j.bayesnet.structure.StructureScore;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.SequenceBatch;
import org.gen4j.data.Table;
import org.gen4j.stats.CovarianceType;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.gmm.MixtureOptions;
import org.gen4j.gmm.Initialization;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.BaumWelchOptions;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.vae.VariationalAutoencoder;
import org.gen4j.viz.ScatterPlot;
import org.gen4j.viz.StatePathPlot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Runs a recipe for its model family: data, fit with progress, model, pictures and the numbers of the report. */
public final class RecipeTrainers {
    private RecipeTrainers() {
    }

    public static Path train(TrainingRun run) {
        return train(run, null);
    }

    /** Continues a run from its newest valid checkpoint (Gaussian mixtures and hidden Markov models). */
    public static Path resume(Path folder, java.io.PrintWriter terminal, boolean quiet) {
        return resume(folder, terminal, quiet, null);
    }

    /** {@link #resume(Path, java.io.PrintWriter, boolean)} with bars over each epoch's batches ({@link TrainingRun#withEpochProgress}). */
    public static Path resume(Path folder, java.io.PrintWriter terminal, boolean quiet,
                              java.util.function.BiFunction<Integer, Long, org.deeplearning4j.optimize.api.TrainingListener> bars) {
        Checkpoints.Saved state = new Checkpoints(folder, 3).latest().orElseThrow(() ->
                new Gen4jException("no usable checkpoint in " + folder.resolve("checkpoints")
                        + " (the recipe needs training.checkpointEvery; gmm, hmm, vae and gan recipes write them)"));
        TrainingRun run = TrainingRun.resume(folder, state.run(), state.iteration(), terminal, quiet).withEpochProgress(bars);
        run.stopCleanlyOnInterrupt();                       // a resumed run stops on Ctrl-C like a new one
        return train(run, state);
    }

    private static Path train(TrainingRun run, Checkpoints.Saved resumeFrom) {
        try {
            return trainUntilDone(run, resumeFrom);
        } catch (StopRequested stop) {
            // said before the run counts as stopped: the JVM exits as soon as the Ctrl-C handler sees that
            run.note("gen4j: stopped on Ctrl-C after writing a checkpoint; continue with gen4j train --resume " + run.folder());
            throw stop;
        } finally {
            run.markStopped();
        }
    }

    private static Path trainUntilDone(TrainingRun run, Checkpoints.Saved resumeFrom) {
        Recipe r = run.recipe();
        if (r.family().equals("bn") && (r.trainingInt("checkpointEvery", 0) > 0 || resumeFrom != null)) {
            throw new Gen4jException("recipe " + r.name() + ": structure search runs in one step, so bn recipes take no checkpoints");
        }
        if (!r.family().equals("vae") && !r.family().equals("gan") && r.trainingBoolean("ui", false)) {
            throw r.error("training", "ui", "shows DL4J network training: vae and gan recipes (a " + r.family()
                    + " run reports its progress in metrics.csv and on the terminal)");
        }
        switch (r.family()) {
            case "gmm" -> gmm(run, r, resumeFrom == null ? null : new FitState<>(resumeFrom.run(),
                    resumeFrom.iteration(), (GaussianMixture) resumeFrom.current(), resumeFrom.runFinished(),
                    (GaussianMixture) resumeFrom.best()));
            case "hmm" -> hmm(run, r, resumeFrom == null ? null : new FitState<>(resumeFrom.run(),
                    resumeFrom.iteration(), (HiddenMarkovModel) resumeFrom.current(), resumeFrom.runFinished(),
                    (HiddenMarkovModel) resumeFrom.best()));
            case "bn" -> bn(run, r);
            case "vae" -> VaeRecipe.run(run, r, resumeFrom == null ? null : (VariationalAutoencoder) resumeFrom.current());
            case "gan" -> GanRecipe.run(run, r, resumeFrom == null ? null : (org.gen4j.gan.Gan) resumeFrom.current());
            default -> throw new IllegalStateException("family " + r.family());
        }
        return run.finish();
    }

    private static void gmm(TrainingRun run, Recipe r, FitState<GaussianMixture> resumeFrom) {
        long seed = r.trainingLong("seed", MixtureOptions.DEFAULTS.seed());
        int maxIter = r.trainingInt("maxIter", MixtureOptions.DEFAULTS.maxIter());
        run.expectIterations(maxIter);
        try (MixtureRows rows = MixtureRows.of(r, seed)) {
            GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder()
                    .components(r.modelInt("components", 2))
                    .covariance(CovarianceType.parse(r.modelString("covariance", MixtureOptions.DEFAULTS.covariance().label())))
                    .init(Initialization.parse(r.modelString("init", MixtureOptions.DEFAULTS.init().label())))
                    .nInit(r.modelInt("nInit", MixtureOptions.DEFAULTS.nInit()))
                    .regCovar(r.modelDouble("regCovar", MixtureOptions.DEFAULTS.regCovar()))
                    .tol(r.trainingDouble("tol", MixtureOptions.DEFAULTS.tol())).maxIter(maxIter).seed(seed)
                    .dataType(dataType(r)).stateListener(monitor(run, r, MixtureOptions.DEFAULTS.nInit(),
                            (GaussianMixture m) -> m.fitSummary().finalValue(), m -> rows.meanLogProb(m, true))).build();
            GaussianMixture gmm = fitOrBestSoFar(run, r, () -> rows.fit(trainer, resumeFrom));
            ModelIO.save(gmm, run.folder().resolve("model.gen4j"));
            run.result("data", rows.describe());
            run.result("components", String.valueOf(gmm.components()));
            run.result("converged", gmm.converged() + " after " + gmm.nIter() + " iterations");
            run.result("train mean log-likelihood", fmt(rows.meanLogProb(gmm, false)));
            double heldOut = rows.meanLogProb(gmm, true);
            run.heldOut(heldOut);
            run.result("held-out mean log-likelihood", fmt(heldOut));
            run.result("BIC (train)", fmt(rows.trainBic(gmm)));
            Table table = rows.pictured(seed);
            if (table.dimensions() >= 2) {
                INDArray x = table.features();
                INDArray means = gmm.means();
                ScatterPlot.of(r.name() + ": components", table.columns().get(0), table.columns().get(1),
                        x.getColumn(0).toDoubleVector(), x.getColumn(1).toDoubleVector(), gmm.predict(x))
                        .withCentres(means.getColumn(0).toDoubleVector(), means.getColumn(1).toDoubleVector())
                        .write(run.folder().resolve("components.png"));
                run.picture("components.png", table.describe() + " coloured by the most likely component; crosses mark the means");
            }
        }
    }

    /** Runs a fit; when the monitor stopped it early, the best model it saw, with a line in the report. */
    @SuppressWarnings("unchecked")
    private static <M> M fitOrBestSoFar(TrainingRun run, Recipe r, java.util.function.Supplier<M> fit) {
        try {
            return fit.get();
        } catch (EarlyStop stop) {
            run.result("early stopping", "after iteration " + stop.iteration + ": no held-out gain for "
                    + r.trainingInt("patience", 0) + " iterations; kept iteration " + stop.bestIteration);
            return (M) stop.best;
        }
    }

    /** Thrown by the monitor when Ctrl-C asked the run to stop (after it wrote a checkpoint). */
    public static final class StopRequested extends RuntimeException {
        public StopRequested() {
            super("stopped on request", null, false, false);
        }
    }

    /** Thrown by the monitor to end a fit whose held-out likelihood stopped improving. */
    private static final class EarlyStop extends RuntimeException {
        final org.gen4j.core.GenerativeModel best;
        final int iteration;
        final int bestIteration;

        EarlyStop(org.gen4j.core.GenerativeModel best, int iteration, int bestIteration) {
            super(null, null, false, false);
            this.best = best;
            this.iteration = iteration;
            this.bestIteration = bestIteration;
        }
    }

    /**
     * After every iteration: the held-out score (mean log-likelihood, per row or per step) into the metrics, a
     * checkpoint every N iterations and at the end of every restart (training.checkpointEvery), and early stopping
     * after {@code patience} iterations without held-out gain, keeping the best model (training.patience).
     */
    private static <M extends org.gen4j.core.GenerativeModel> FitState.Listener<M> monitor(TrainingRun run, Recipe r,
            int defaultRestarts, ToDoubleFunction<M> trainObjective, ToDoubleFunction<M> heldOutScore) {
        int every = r.trainingInt("checkpointEvery", 0);
        int patience = r.trainingInt("patience", 0);
        if (every < 0) {
            throw r.error("training", "checkpointEvery", "must be >= 0");
        }
        if (patience < 0) {
            throw r.error("training", "patience", "must be >= 0");
        }
        if (patience > 0 && (every > 0 || r.modelInt("nInit", defaultRestarts) > 1)) {
            throw r.error("training", "patience", "works with one restart (model.nInit: 1) and without checkpoints so far");
        }
        Checkpoints checkpoints = every > 0 ? new Checkpoints(run.folder(), 3) : null;
        double[] best = {Double.NEGATIVE_INFINITY};
        int[] bestIteration = {0};
        List<M> bestModel = new ArrayList<>(1);
        return state -> {
            Checkpoints.Saved saved = new Checkpoints.Saved(state.run(), state.iteration(), state.runFinished(),
                    state.current(), state.best());
            if (run.stopRequested()) {
                if (checkpoints != null) {
                    checkpoints.save(saved);
                }
                throw new StopRequested();
            }
            M current = state.current();
            double score = heldOutScore.applyAsDouble(current);
            run.iteration(state.run(), state.iteration(), trainObjective.applyAsDouble(current), score);
            if (checkpoints != null && (state.iteration() % every == 0 || state.runFinished())) {
                checkpoints.save(saved);
            }
            if (patience > 0) {
                if (score > best[0]) {
                    best[0] = score;
                    bestIteration[0] = state.iteration();
                    bestModel.clear();
                    bestModel.add(current);
                } else if (state.iteration() - bestIteration[0] >= patience && !state.runFinished()) {
                    throw new EarlyStop(bestModel.get(0), state.iteration(), bestIteration[0]);
                }
            }
        };
    }

    private static void hmm(TrainingRun run, Recipe r, FitState<HiddenMarkovModel> resumeFrom) {
        long seed = r.trainingLong("seed", BaumWelchOptions.DEFAULTS.seed());
        int maxIter = r.trainingInt("maxIter", BaumWelchOptions.DEFAULTS.maxIter());
        run.expectIterations(maxIter);
        try (SequenceRows rows = SequenceRows.of(r, seed)) {
            String emission = r.modelString("emission", BaumWelchOptions.DEFAULTS.emission());
            BaumWelch.Builder builder = BaumWelch.builder().states(r.modelInt("states", BaumWelchOptions.DEFAULTS.states()))
                    .emission(emission)
                    .nInit(r.modelInt("nInit", BaumWelchOptions.DEFAULTS.nInit()))
                    .tol(r.trainingDouble("tol", BaumWelchOptions.DEFAULTS.tol())).maxIter(maxIter).seed(seed)
                    .dataType(dataType(r)).stateListener(monitor(run, r, BaumWelchOptions.DEFAULTS.nInit(),
                            (HiddenMarkovModel m) -> m.fitSummary().finalValue(), m -> rows.logProbPerStep(m, true)));
            if (emission.equals("gaussian") || emission.equals("gmm")) {
                builder.gaussianMixture(emission.equals("gmm") ? Math.max(2, r.modelInt("mixtures", 2)) : 1,
                        CovarianceType.parse(r.modelString("covariance", BaumWelchOptions.DEFAULTS.covariance().label())));
            }
            HiddenMarkovModel hmm = fitOrBestSoFar(run, r, () -> rows.fit(builder.build(), resumeFrom));
            ModelIO.save(hmm, run.folder().resolve("model.gen4j"));
            run.result("data", rows.describe());
            run.result("states", String.valueOf(hmm.states()));
            run.result("converged", hmm.converged() + " after " + hmm.nIter() + " iterations");
            run.result("train log-likelihood per step", fmt(rows.logProbPerStep(hmm, false)));
            double heldOut = rows.logProbPerStep(hmm, true);
            run.heldOut(heldOut);
            run.result("held-out log-likelihood per step", fmt(heldOut));
            run.result("BIC (train)", fmt(rows.trainBic(hmm)));
            SequenceBatch first = rows.pictured(seed);
            int[] states = hmm.viterbi(first).get(0).states();
            String column = first.columns().isEmpty() ? "x0" : first.columns().get(0);
            StatePathPlot.of(r.name() + ": " + column + " with its Viterbi states", first.sequence(0).getColumn(0).toDoubleVector(), states)
                    .write(run.folder().resolve("states.png"));
            run.picture("states.png", "a sequence's first column with its decoded states");
        }
    }

    private static void bn(TrainingRun run, Recipe r) {
        Path source = Path.of(r.dataString("source", null));
        if (!Files.exists(source)) {
            throw new Gen4jException("recipe " + r.name() + ": data.source " + source + " does not exist (relative paths are read"
                    + " from the current folder, " + Path.of("").toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(source)) {
            throw new Gen4jException("recipe " + r.name() + ": data.source " + source + " is not a CSV file of states");
        }
        DiscreteTable rows = DiscreteTable.readCsv(source, null);
        long seed = r.trainingLong("seed", SearchOptions.DEFAULTS.seed());
        int n = rows.rows();
        int cut = (int) Math.round(n * r.dataDouble("trainFraction", 0.8));
        int[] order = shuffled(n, seed);
        DiscreteTable train = subset(rows, Arrays.copyOfRange(order, 0, cut));
        DiscreteTable test = subset(rows, Arrays.copyOfRange(order, cut, n));
        SearchOptions search = SearchOptions.DEFAULTS;
        TableOptions tables = TableOptions.DEFAULTS;
        String structure = r.modelString("structure", search.method());
        run.expectIterations(1);
        Dag dag = switch (structure) {
            case "chow-liu" -> ChowLiu.learn(train, 0);
            case "hill-climb" -> HillClimbSearch.builder().maxParents(r.modelInt("maxParents", search.maxParents()))
                    .restarts(r.modelInt("restarts", search.restarts())).seed(seed).build()
                    .search(new StructureScore(StructureScore.parse(r.modelString("score", search.score())),
                            r.modelDouble("ess", tables.equivalentSampleSize()), train));
            default -> throw new Gen4jException("recipe " + r.name() + ": model.structure must be chow-liu or hill-climb, got '" + structure + "'");
        };
        run.iteration(0, 1, dag.score());
        ParameterEstimator estimator = tables.withEstimator(r.modelString("estimator", tables.estimator()),
                r.modelDouble("ess", tables.equivalentSampleSize())).tables();
        BayesianNetwork network = dag.fit(train, estimator, Map.of("structure", structure));
        ModelIO.save(network, run.folder().resolve("model.gen4j"));
        run.result("data", train + " (train); " + test.rows() + " rows held out");
        run.result("structure", structure + ", " + dag.edges().size() + " edges, score " + fmt(dag.score()));
        double heldOut = network.meanLogProb(test.reordered(network.variables()));
        run.heldOut(heldOut);
        run.result("held-out mean log-likelihood", fmt(heldOut));
        String reference = r.modelString("network", "");
        if (!reference.isEmpty()) {
            StructureComparison c = StructureComparison.of(dag.edges(), Networks.load(reference).edges());
            run.result("vs " + reference, "SHD " + c.structuralHammingDistance() + ", edge precision "
                    + fmt(c.skeletonPrecision()) + ", recall " + fmt(c.skeletonRecall()));
        }
        DotWriter.write(network, run.folder().resolve("network.dot"));
        run.result("graph", "network.dot (render with Graphviz: dot -Tsvg network.dot)");
    }

    private static DiscreteTable subset(DiscreteTable rows, int[] indices) {
        return new DiscreteTable(rows.codes().getRows(indices), rows.variables());
    }

    private static int[] shuffled(int n, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static DataType dataType(Recipe r) {
        return switch (r.trainingString("dtype", "float64")) {
            case "float64" -> DataType.DOUBLE;
            case "float32" -> DataType.FLOAT;
            default -> throw new Gen4jException("recipe " + r.name() + ": training.dtype must be float64 or float32");
        };
    }

    private static String fmt(double v) {
        return String.format("%.6g", v);
    }
}
