package org.gen4j.gan;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Provenance;
import org.gen4j.core.Require;
import org.gen4j.core.Seeds;
import org.gen4j.nn.FitSession;
import org.gen4j.nn.ShuffledBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link Gan} by alternating updates: {@code nCritic} discriminator steps on a real and a generated batch,
 * then one generator step through the frozen discriminator.
 *
 * <pre>{@code
 * Gan gan = new GanTrainer(GanArchitecture.dcgan(1, 8, 8).build())
 *         .epochs(40).batchSize(64).learningRates(2e-4, 2e-4).labelSmoothing(0.9).emaDecay(0.999).seed(1)
 *         .fit(images);
 * }</pre>
 *
 * <p>Stabilisers: one-sided label smoothing (real targets below 1), separate learning rates (TTUR), {@code nCritic}
 * discriminator steps per generator step, an exponential moving average of the generator's weights for sampling,
 * and for WGANs weight clipping of the critic (RMSProp, as in Arjovsky et al.). Noise and shuffling come from the
 * seed, the epoch and the iteration, so a run is reproducible and {@link #continueTraining} equals one long run.
 */
public final class GanTrainer {
    private final GanArchitecture architecture;
    private int epochs = GanOptions.DEFAULTS.epochs();
    private int batchSize = GanOptions.DEFAULTS.batchSize();
    private double generatorLearningRate = 2e-4;
    private double discriminatorLearningRate = 2e-4;
    private double beta1 = 0.5;
    private int nCritic = 1;
    private double realLabel = GanOptions.DEFAULTS.labelSmoothing();
    private double clip = 0.01;
    private double emaDecay = GanOptions.DEFAULTS.emaDecay();
    private long seed = GanOptions.DEFAULTS.seed();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Consumer<Gan> afterEpoch;
    private java.util.function.ToDoubleFunction<Gan> epochMetric;
    private org.gen4j.nn.EarlyStopping<Gan> earlyStopping;
    private DataType dataType = GanOptions.DEFAULTS.dataType();

    public GanTrainer(GanArchitecture architecture) {
        this.architecture = architecture;
    }

    public GanTrainer epochs(int epochs) {
        this.epochs = Require.atLeast("epochs", epochs, 0);
        return this;
    }

    public GanTrainer batchSize(int batchSize) {
        this.batchSize = Require.atLeast("batch size", batchSize, 1);
        return this;
    }

    /** Two time-scale update rule: the generator's and the discriminator's learning rates. */
    public GanTrainer learningRates(double generator, double discriminator) {
        this.generatorLearningRate = Require.positive("generator learning rate", generator);
        this.discriminatorLearningRate = Require.positive("discriminator learning rate", discriminator);
        return this;
    }

    /** Adam's beta1 for both nets (0.5, as in the DCGAN paper). */
    public GanTrainer beta1(double beta1) {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new Gen4jException("beta1 must be in [0, 1), got " + beta1);
        }
        this.beta1 = beta1;
        return this;
    }

    public GanTrainer nCritic(int steps) {
        this.nCritic = Require.atLeast("nCritic", steps, 1);
        return this;
    }

    /** One-sided label smoothing: the discriminator's target for real rows (1 = none, 0.9 is usual). */
    public GanTrainer labelSmoothing(double realTarget) {
        if (!(realTarget > 0.5 && realTarget <= 1)) {
            throw new Gen4jException("the real-label target must be in (0.5, 1], got " + realTarget);
        }
        this.realLabel = realTarget;
        return this;
    }

    /** WGAN: the critic's weights are clipped to [-c, c] after every step. */
    public GanTrainer clip(double c) {
        this.clip = Require.positive("clip", c);
        return this;
    }

    /** Keeps an exponential moving average of the generator's weights (0 = off; 0.999 is usual) and samples with it. */
    public GanTrainer emaDecay(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new Gen4jException("EMA decay must be in [0, 1), got " + decay);
        }
        this.emaDecay = decay;
        return this;
    }

    public GanTrainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The epochs a fit runs. */
    public int epochs() {
        return epochs;
    }

    /** Generator steps in one epoch over {@code rows} rows (a discriminator step each nCritic): what a progress bar counts. */
    public long stepsPerEpoch(long rows) {
        return (rows + batchSize - 1) / batchSize / nCritic;
    }

    public GanTrainer listeners(TrainingListener... more) {
        listeners.addAll(List.of(more));
        return this;
    }

    /**
     * Called with a snapshot of the model after each epoch (pictures, checkpoints): an independent copy that the
     * training that goes on does not change. Metrics go in through {@link #epochMetric}.
     */
    public GanTrainer afterEpoch(Consumer<Gan> callback) {
        this.afterEpoch = callback;
        return this;
    }

    /** Measured after each epoch (before {@link #afterEpoch}) and kept in the history, e.g. a Fréchet distance. */
    public GanTrainer epochMetric(java.util.function.ToDoubleFunction<Gan> metric) {
        this.epochMetric = metric;
        return this;
    }

    /**
     * Ends training by DL4J's early-stopping conditions (see {@link org.gen4j.nn.EarlyStopping}; its
     * {@code TrainerMetric} is the {@link #epochMetric}, e.g. a Fréchet distance to held-out data) and returns the best
     * model.
     */
    public GanTrainer earlyStopping(org.gen4j.nn.EarlyStopping<Gan> stopping) {
        this.earlyStopping = stopping;
        return this;
    }

    /**
     * The type the networks train in: float32 (default), float64, or float16 on the CUDA backend (see
     * {@link org.gen4j.nn.NetworkDataTypes}). A continued model keeps its own type; a fine-tuned generator its own.
     */
    public GanTrainer dataType(DataType type) {
        this.dataType = org.gen4j.nn.NetworkDataTypes.requireTrainable(type);
        return this;
    }

    public GanArchitecture architecture() {
        return architecture;
    }

    public Gan fit(INDArray data) {
        return fit(data, null);
    }

    /** Trains a new GAN on rows or images (labels for a conditional GAN, else null). */
    public Gan fit(INDArray data, int[] labels) {
        return train(untrained(emaDecay > 0, provenance(data)), data, labels);
    }

    private Gan untrained(boolean average, Provenance provenance) {
        return Gan.untrained(architecture, generatorUpdater(), discriminatorUpdater(), seed, average, provenance, dataType);
    }

    private org.nd4j.linalg.learning.config.IUpdater generatorUpdater() {
        return wasserstein() ? new RmsProp(generatorLearningRate) : new Adam(generatorLearningRate, beta1, 0.999, 1e-8);
    }

    private org.nd4j.linalg.learning.config.IUpdater discriminatorUpdater() {
        return wasserstein() ? new RmsProp(discriminatorLearningRate) : new Adam(discriminatorLearningRate, beta1, 0.999, 1e-8);
    }

    private boolean wasserstein() {
        return architecture.objective() == GanArchitecture.Objective.WASSERSTEIN;
    }

    /**
     * Fine-tunes a generator made elsewhere (e.g. {@code KerasGenerator.network()}) against a new discriminator built
     * from this trainer's architecture (MLP, or DCGAN for images: a channels-last Keras generator's images are turned
     * channels-first inside the network), unconditional, of the data's shape and the generator's latent size.
     *
     * @throws Gen4jException when the generator's output shape does not fit the discriminator's input, naming both
     */
    public Gan fineTune(org.deeplearning4j.nn.multilayer.MultiLayerNetwork generator, INDArray data) {
        if (architecture.conditional()) {
            throw new Gen4jException("fine-tuning an imported generator takes an unconditional discriminator "
                    + "(GanArchitecture.mlp, mlpOnImages or dcgan), got " + architecture);
        }
        ImportedGenerator imported = ImportedGenerator.of(generator, architecture.dataShape());
        if (imported.latentSize() != architecture.latentSize()) {
            throw new Gen4jException("the generator takes noise of " + imported.latentSize() + " values, the architecture says "
                    + architecture.latentSize() + ": set latent(" + imported.latentSize() + ")");
        }
        Gan start = Gan.untrained(architecture, imported, generator.params(), generatorUpdater(), discriminatorUpdater(),
                seed, emaDecay > 0, provenance(data), generator.params().dataType());
        return train(start, data, null);
    }

    /** Trains {@code model} for this trainer's number of further epochs, with both updater states; the given model is not changed. */
    public Gan continueTraining(Gan model, INDArray data, int[] labels) {
        if (!model.architecture().equals(architecture)) {
            throw new Gen4jException("cannot continue a " + model.architecture() + " with a trainer for " + architecture);
        }
        if ((model.averagedGeneratorWeights() != null) != (emaDecay > 0)) {
            throw new Gen4jException("the model " + (model.averagedGeneratorWeights() != null ? "keeps" : "keeps no")
                    + " generator weight average; set emaDecay accordingly");
        }
        return train(model.copy(), data, labels);
    }

    private Gan train(Gan model, INDArray data, int[] labels) {
        DataType type = model.dataType();
        // a channels-last generator's images, [n, h, w, c], go to a convolutional discriminator as [n, c, h, w]
        boolean channelsLastImages = model.channelsLast() && architecture.kind() == GanArchitecture.Kind.DCGAN;
        INDArray x = GanInputs.data(architecture, data, "training data", model.channelsLast(), type);
        INDArray rows = x.reshape('c', x.size(0), x.length() / x.size(0));
        INDArray labelRows = GanInputs.labels(architecture, labels, x.size(0));
        INDArray oneHot = labelRows == null ? null : labelRows.castTo(type);
        ComputationGraph combined = model.combinedGraph();
        ComputationGraph discriminator = model.discriminatorGraph();
        ComputationGraph generator = model.generatorGraph();
        combined.setListeners(listeners);
        INDArray average = model.averagedGeneratorWeights();
        GanHistory history = model.history();
        long iteration = history.iterations();
        Gan current = model;
        EpochEnd epochEnd = epochEnd();
        boolean stop = false;
        ShuffledBatches batches = new ShuffledBatches(rows, oneHot, batchSize);
        for (int e = 0; e < epochs && !stop; e++) {
            int epoch = history.epochs();
            long started = System.nanoTime();
            listeners.forEach(l -> l.onEpochStart(combined));
            double dSum = 0, gSum = 0;
            int dSteps = 0, gSteps = 0;
            try (FitSession session = FitSession.open(combined, discriminator, generator)) {
                for (ShuffledBatches.Batch batch : batches.epoch(Seeds.mix(seed, -1 - epoch))) {
                    org.gen4j.core.TrainingInterrupted.check();
                    double[] losses = iteration(session, model, shape(batch.rows()), batch.labels(), iteration, channelsLastImages);
                    double dLoss = losses[0];
                    dSum += dLoss;
                    dSteps++;
                    if (!Double.isNaN(losses[1])) {
                        gSum += losses[1];
                        gSteps++;
                        if (average != null) {
                            average.muli(emaDecay).addi(generator.params().mul(1 - emaDecay));
                        }
                    }
                    iteration++;
                    if (earlyStopping != null && earlyStopping.afterIteration(dLoss)) {
                        stop = true;
                        break;
                    }
                }
            }
            combined.getConfiguration().setEpochCount(epoch + 1);
            discriminator.getConfiguration().setEpochCount(epoch + 1);
            listeners.forEach(l -> l.onEpochEnd(combined));
            history = history.plus(iteration, dSum / Math.max(1, dSteps), gSteps == 0 ? Double.NaN : gSum / gSteps,
                    (System.nanoTime() - started) / 1e9);
            current = epochEnd.measured(current.withHistory(history));
            history = current.history();
            if (stop) {
                epochEnd.snapshot(current);           // an iteration condition ended it: no epoch scoring
            } else {
                stop = epochEnd.after(e, current);
            }
        }
        return epochEnd.chosen(current);
    }

    /**
     * What training elsewhere (local steps on Spark's partitions, averaged: {@code org.gen4j.spark.SparkGan}) needs
     * from this trainer: its settings, a way to run alternating steps on a partition's batches from a sent state, and
     * the model to hand back. GANs built from an architecture (not fine-tuned imports), conditional or not.
     */
    public Distributed distributed() {
        return new Distributed(architecture, epochs, batchSize, generatorLearningRate, discriminatorLearningRate, beta1, nCritic, realLabel,
                clip, emaDecay, seed, dataType);
    }

    /**
     * A GAN's trainable state as numbers, sent to partitions and averaged back: every parameter (one vector, the
     * generator's and the discriminator's), both updater states, both networks' iteration counts, and the losses of
     * the steps that made it.
     */
    public record TrainingState(INDArray parameters, INDArray generatorUpdater, INDArray discriminatorUpdater, int generatorIterations,
                                int discriminatorIterations, double discriminatorLossSum, int discriminatorSteps,
                                double generatorLossSum, int generatorSteps) implements java.io.Serializable {

        /**
         * The mean of states made from one start, in the order given (so a fixed order gives the same bits), each
         * weighted by the discriminator steps it took; iteration counts are the largest, losses are summed.
         */
        public static TrainingState average(List<TrainingState> states) {
            if (states.isEmpty()) {
                throw new Gen4jException("no partition trained in this round");
            }
            long steps = states.stream().mapToLong(TrainingState::discriminatorSteps).sum();
            INDArray p = null, g = null, d = null;
            double dLoss = 0, gLoss = 0;
            int dSteps = 0, gSteps = 0, gIter = 0, dIter = 0;
            for (TrainingState state : states) {
                double w = steps == 0 ? 1.0 / states.size() : state.discriminatorSteps() / (double) steps;
                p = weightedSum(p, state.parameters(), w);
                g = weightedSum(g, state.generatorUpdater(), w);
                d = weightedSum(d, state.discriminatorUpdater(), w);
                dLoss += state.discriminatorLossSum();
                gLoss += state.generatorLossSum();
                dSteps += state.discriminatorSteps();
                gSteps += state.generatorSteps();
                gIter = Math.max(gIter, state.generatorIterations());
                dIter = Math.max(dIter, state.discriminatorIterations());
            }
            DataType type = states.get(0).parameters().dataType();
            return new TrainingState(p.castTo(type), g == null ? null : g.castTo(type), d == null ? null : d.castTo(type),
                    gIter, dIter, dLoss, dSteps, gLoss, gSteps);
        }

        private static INDArray weightedSum(INDArray sum, INDArray value, double weight) {
            if (value == null) {
                return null;
            }
            INDArray term = value.castTo(DataType.DOUBLE).muli(weight);      // averaged in float64
            return sum == null ? term : sum.addi(term);
        }
    }

    /** @see #distributed() */
    public record Distributed(GanArchitecture architecture, int epochs, int batchSize, double generatorLearningRate, double discriminatorLearningRate,
                              double beta1, int nCritic, double realLabel, double clip, double emaDecay, long seed, DataType dataType)
            implements java.io.Serializable {

        private GanTrainer trainer(long withSeed) {
            return new GanTrainer(architecture).epochs(epochs).batchSize(batchSize).learningRates(generatorLearningRate, discriminatorLearningRate)
                    .beta1(beta1).nCritic(nCritic).labelSmoothing(realLabel).clip(clip).emaDecay(emaDecay).seed(withSeed).dataType(dataType);
        }

        /** A new, untrained model (with a generator weight average when the trainer keeps one). */
        public Gan newModel(String data) {
            GanTrainer t = trainer(seed);
            return t.untrained(emaDecay > 0, Provenance.now("GanTrainer (distributed)", t.hyperparameters(), data, List.of()));
        }

        /** Checks a model to continue: its architecture and weight average match this trainer's. */
        public Gan continued(Gan model) {
            if (!model.architecture().equals(architecture)) {
                throw new Gen4jException("cannot continue a " + model.architecture() + " with a trainer for " + architecture);
            }
            if ((model.averagedGeneratorWeights() != null) != (emaDecay > 0) || model.importedGenerator() != null) {
                throw new Gen4jException(model.importedGenerator() != null ? "a fine-tuned imported generator trains on one machine only"
                        : "the model " + (model.averagedGeneratorWeights() != null ? "keeps" : "keeps no")
                        + " generator weight average; set emaDecay accordingly");
            }
            return model.copy();
        }

        public TrainingState stateOf(Gan model) {
            ComputationGraph combined = model.combinedGraph(), discriminator = model.discriminatorGraph();
            return new TrainingState(combined.params().dup(), updaterState(combined), updaterState(discriminator),
                    combined.getConfiguration().getIterationCount(), discriminator.getConfiguration().getIterationCount(), 0, 0, 0, 0);
        }

        /** Sets {@code model}'s parameters, updater states and iteration counts to {@code state}'s. */
        public void load(Gan model, TrainingState state) {
            ComputationGraph combined = model.combinedGraph(), discriminator = model.discriminatorGraph();
            combined.params().assign(state.parameters());
            assignUpdater(combined, state.generatorUpdater());
            assignUpdater(discriminator, state.discriminatorUpdater());
            combined.getConfiguration().setIterationCount(state.generatorIterations());
            discriminator.getConfiguration().setIterationCount(state.discriminatorIterations());
        }

        /**
         * Alternating steps on a partition's batches from a sent state: one iteration per batch, numbered from
         * {@code firstIteration} (the nCritic schedule), with noise from the seed salted by the partition.
         */
        public TrainingState steps(TrainingState from, List<INDArray> batches, long firstIteration, int partition) {
            return steps(from, batches, null, firstIteration, partition);
        }

        /** @param classes each batch's classes for a conditional GAN, else null */
        public TrainingState steps(TrainingState from, List<INDArray> batches, List<int[]> classes, long firstIteration, int partition) {
            GanTrainer t = trainer(Seeds.mix(seed, 1L + partition)).emaDecay(0);
            Gan model = t.untrained(false, Provenance.now("GanTrainer (partition)", Map.of(), "", List.of()));
            load(model, from);
            double dSum = 0, gSum = 0;
            int dSteps = 0, gSteps = 0;
            long iteration = firstIteration;
            try (FitSession session = FitSession.open(model.combinedGraph(), model.discriminatorGraph(), model.generatorGraph())) {
                for (int b = 0; b < batches.size(); b++) {
                    INDArray rows = batches.get(b);
                    INDArray y = classes == null ? null : GanInputs.labels(architecture, classes.get(b), rows.size(0)).castTo(model.dataType());
                    double[] losses = t.iteration(session, model, t.shape(GanInputs.data(architecture, rows, "training rows", false,
                            model.dataType()).reshape('c', rows.size(0), rows.length() / rows.size(0))), y, iteration, false);
                    dSum += losses[0];
                    dSteps++;
                    if (!Double.isNaN(losses[1])) {
                        gSum += losses[1];
                        gSteps++;
                    }
                    iteration++;
                }
            }
            TrainingState after = stateOf(model);
            return new TrainingState(after.parameters(), after.generatorUpdater(), after.discriminatorUpdater(),
                    after.generatorIterations(), after.discriminatorIterations(), dSum, dSteps, gSum, gSteps);
        }

        /** Moves the generator's weight average towards {@code model}'s generator as {@code generatorSteps} steps would. */
        public void moveAverage(Gan model, int generatorSteps) {
            INDArray average = model.averagedGeneratorWeights();
            if (average != null && generatorSteps > 0) {
                double keep = Math.pow(emaDecay, generatorSteps);
                average.muli(keep).addi(model.generatorGraph().params().mul(1 - keep));
            }
        }

        /** {@code model} with its history, as handed to epoch callbacks and back to the user. */
        public Gan withHistory(Gan model, GanHistory history) {
            return model.withHistory(history);
        }

        private static INDArray updaterState(ComputationGraph graph) {
            return graph.getUpdater() == null || graph.getUpdater().getStateViewArray() == null ? null
                    : graph.getUpdater().getStateViewArray().dup();
        }

        private static void assignUpdater(ComputationGraph graph, INDArray state) {
            if (state != null) {
                graph.getUpdater().getStateViewArray().assign(state);
            }
        }
    }

    /** One iteration on a batch: a discriminator step, and every nCritic-th a generator step. @return {dLoss, gLoss or NaN} */
    private double[] iteration(FitSession session, Gan model, INDArray real, INDArray y, long iteration, boolean channelsLastImages) {
        double dLoss = discriminatorStep(session, model.discriminatorGraph(), model.generatorGraph(), real, y, iteration,
                wasserstein(), channelsLastImages);
        double gLoss = iteration % nCritic != nCritic - 1 ? Double.NaN
                : generatorStep(session, model.combinedGraph(), (int) real.size(0), y, iteration, wasserstein(), model.dataType());
        return new double[]{dLoss, gLoss};
    }

    /**
     * What follows every epoch wherever it ran (here, or on Spark through {@link #distributed()}): the epoch metric,
     * the snapshot handed to {@link #afterEpoch}, then early stopping. Starts early stopping afresh.
     */
    public EpochEnd epochEnd() {
        if (earlyStopping != null) {
            if (epochMetric == null && earlyStopping.needsTrainerMetric()) {
                throw new Gen4jException("early stopping on the trainer's metric needs an epochMetric (e.g. a Fréchet distance)");
            }
            earlyStopping.start();
        }
        return new EpochEnd();
    }

    /** @see #epochEnd() */
    public final class EpochEnd {
        private EpochEnd() {
        }

        /** The model with the epoch metric added to its history's last epoch (when the trainer has one). */
        public Gan measured(Gan model) {
            return epochMetric == null ? model : model.withHistory(model.history().withLastMetric(epochMetric.applyAsDouble(model)));
        }

        /** Hands {@link #afterEpoch} its snapshot only. */
        public void snapshot(Gan current) {
            if (afterEpoch != null) {
                afterEpoch.accept(current.copy());    // the callback may keep it while training goes on
            }
        }

        /** @param e 0-based epoch of this training; @return whether early stopping ends training here */
        public boolean after(int e, Gan current) {
            snapshot(current);
            return earlyStopping != null && earlyStopping.afterEpoch(e, current, current.combinedGraph(), current.history().lastMetric());
        }

        /** The model to hand back: early stopping's best, else the last. */
        public Gan chosen(Gan last) {
            return earlyStopping == null ? last : earlyStopping.chosen(last);
        }
    }

    private double discriminatorStep(FitSession session, ComputationGraph discriminator, ComputationGraph generator,
                                     INDArray real, INDArray y, long iteration, boolean wasserstein, boolean channelsLastImages) {
        int b = (int) real.size(0);
        INDArray z = gaussian(b, Seeds.mix(seed, 2 * iteration), real.dataType());
        INDArray fake = generator.output(true, GanInputs.withLabels(z, y))[0];
        if (channelsLastImages) {
            fake = fake.permute(0, 3, 1, 2);
        }
        INDArray both = Nd4j.concat(0, real, fake.reshape(real.shape()));
        INDArray targets = Nd4j.concat(0, Nd4j.valueArrayOf(new long[]{b, 1}, wasserstein ? 1.0 : realLabel, real.dataType()),
                Nd4j.valueArrayOf(new long[]{b, 1}, wasserstein ? -1.0 : 0.0, real.dataType()));
        INDArray[] inputs = y == null ? new INDArray[]{both} : new INDArray[]{both, Nd4j.concat(0, y, y)};
        session.step(discriminator, new MultiDataSet(inputs, new INDArray[]{targets}));
        if (wasserstein) {
            INDArray weights = discriminator.params();
            Transforms.min(Transforms.max(weights, -clip, false), clip, false);
        }
        return checked(discriminator.score(), "discriminator", iteration);
    }

    private double generatorStep(FitSession session, ComputationGraph combined, int b, INDArray y, long iteration, boolean wasserstein, DataType type) {
        INDArray z = gaussian(b, Seeds.mix(seed, 2 * iteration + 1), type);
        INDArray targets = Nd4j.ones(type, b, 1);
        session.step(combined, new MultiDataSet(GanInputs.withLabels(z, y), new INDArray[]{targets}));
        return checked(combined.score(), "generator", iteration);
    }

    private INDArray shape(INDArray rows) {
        if (architecture.kind() != GanArchitecture.Kind.DCGAN) {
            return rows;
        }
        long[] s = architecture.dataShape();
        return rows.reshape('c', rows.size(0), s[0], s[1], s[2]);
    }

    private INDArray gaussian(int rows, long stream, DataType type) {
        SplittableRandom random = new SplittableRandom(stream);
        float[] values = new float[rows * architecture.latentSize()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[]{rows, architecture.latentSize()}, DataType.FLOAT).castTo(type);
    }

    private static double checked(double loss, String which, long iteration) {
        if (!Double.isFinite(loss)) {
            throw new Gen4jException("GAN training diverged: the " + which + " loss is " + loss + " at iteration " + (iteration + 1)
                    + " (lower the learning rates, or use label smoothing)");
        }
        return loss;
    }

    private Provenance provenance(INDArray data) {
        return Provenance.now("GanTrainer", hyperparameters(), data.size(0) + " rows " + java.util.Arrays.toString(data.shape()), List.of());
    }

    private Map<String, Object> hyperparameters() {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("architecture", architecture.toString());
        hyper.put("epochs", epochs);
        hyper.put("batchSize", batchSize);
        hyper.put("generatorLearningRate", generatorLearningRate);
        hyper.put("discriminatorLearningRate", discriminatorLearningRate);
        hyper.put("beta1", beta1);
        hyper.put("nCritic", nCritic);
        hyper.put("realLabel", realLabel);
        hyper.put("emaDecay", emaDecay);
        hyper.put("seed", seed);
        return hyper;
    }
}
