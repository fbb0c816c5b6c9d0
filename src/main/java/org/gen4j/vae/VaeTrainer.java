package org.gen4j.vae;

import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Provenance;
import org.gen4j.core.Require;
import org.gen4j.core.Seeds;
import org.gen4j.nn.FitSession;
import org.gen4j.nn.KlDivergenceLoss;
import org.gen4j.nn.ShuffledBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link VariationalAutoencoder} with Adam on the negative ELBO, {@code -log p(x|z) + β KL(q || N(0, I))}.
 *
 * <pre>{@code
 * VaeTrainer trainer = new VaeTrainer(VaeArchitecture.mlp(64).latent(8).build()).epochs(50).beta(1.0).seed(7);
 * VariationalAutoencoder vae = trainer.fit(train, test);   // rows in [0, 1] for the Bernoulli default
 * System.out.println(vae.history());
 * }</pre>
 *
 * <p>β warms up linearly over the first {@code warmupEpochs} epochs ({@code β (e + 1) / W} in epoch e), then stays.
 * The reparameterisation noise and the in-memory shuffling come from the seed, the epoch and the iteration, so a
 * run is reproducible and {@link #continueTraining} continues exactly where a run stopped. DL4J
 * {@link TrainingListener}s see every iteration and every epoch.
 */
public final class VaeTrainer {
    private final VaeArchitecture architecture;
    private int epochs = VaeOptions.DEFAULTS.epochs();
    private int batchSize = VaeOptions.DEFAULTS.batchSize();
    private double learningRate = VaeOptions.DEFAULTS.learningRate();
    private double beta = VaeOptions.DEFAULTS.beta();
    private int warmupEpochs = VaeOptions.DEFAULTS.warmupEpochs();
    private long seed = VaeOptions.DEFAULTS.seed();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Consumer<VariationalAutoencoder> afterEpoch;
    private org.gen4j.nn.EarlyStopping<VariationalAutoencoder> earlyStopping;
    private DataType dataType = VaeOptions.DEFAULTS.dataType();

    public VaeTrainer(VaeArchitecture architecture) {
        this.architecture = architecture;
    }

    public VaeTrainer epochs(int epochs) {
        this.epochs = Require.atLeast("epochs", epochs, 0);
        return this;
    }

    public VaeTrainer batchSize(int batchSize) {
        this.batchSize = Require.atLeast("batch size", batchSize, 1);
        return this;
    }

    public VaeTrainer learningRate(double learningRate) {
        this.learningRate = Require.positive("learning rate", learningRate);
        return this;
    }

    /** The KL weight: 1 is the ELBO; above 1 a β-VAE (more disentangled, blurrier); below 1 sharper reconstructions. */
    public VaeTrainer beta(double beta) {
        this.beta = Require.nonNegative("beta", beta);
        return this;
    }

    public VaeTrainer warmupEpochs(int warmupEpochs) {
        this.warmupEpochs = Require.atLeast("warm-up epochs", warmupEpochs, 0);
        return this;
    }

    public VaeTrainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Training steps (batches) in one epoch over {@code rows} rows: what a progress bar counts. */
    public long stepsPerEpoch(long rows) {
        return (rows + batchSize - 1) / batchSize;
    }

    public VaeTrainer listeners(TrainingListener... more) {
        listeners.addAll(List.of(more));
        return this;
    }

    /**
     * Called with a snapshot of the model after each epoch (progress, checkpoints, pictures): an independent copy
     * that the training that goes on does not change.
     */
    public VaeTrainer afterEpoch(Consumer<VariationalAutoencoder> callback) {
        this.afterEpoch = callback;
        return this;
    }

    /**
     * Ends training by DL4J's early-stopping conditions (see {@link org.gen4j.nn.EarlyStopping}; its
     * {@code TrainerMetric} is the held-out ELBO, which needs test data) and returns the best model.
     */
    public VaeTrainer earlyStopping(org.gen4j.nn.EarlyStopping<VariationalAutoencoder> stopping) {
        this.earlyStopping = stopping;
        return this;
    }

    /**
     * The type the networks train in: float32 (default), float64, or float16 on the CUDA backend (see
     * {@link org.gen4j.nn.NetworkDataTypes}). A continued model keeps its own type.
     */
    public VaeTrainer dataType(DataType type) {
        this.dataType = org.gen4j.nn.NetworkDataTypes.requireTrainable(type);
        return this;
    }

    public VaeArchitecture architecture() {
        return architecture;
    }

    /** The settings this trainer trains with. */
    public VaeOptions options() {
        return new VaeOptions(epochs, batchSize, learningRate, beta, warmupEpochs, seed, dataType);
    }

    /**
     * What training elsewhere (DL4J's parameter averaging on Spark: {@code org.gen4j.spark.SparkVae}) needs from
     * this trainer: the network it starts from (KL weight β), how rows become a batch (the reparameterisation noise
     * from the seed and a batch key, so a batch is the same on any machine), and the model it hands back.
     */
    public Distributed distributed() {
        return new Distributed(architecture, new BatchMaker(architecture.latentSize(), seed, dataType), options());
    }

    /** @see #distributed() */
    public record Distributed(VaeArchitecture architecture, BatchMaker batches, VaeOptions options) implements java.io.Serializable {

        /** The training network of {@code model}, copied with its Adam state, to continue training it. */
        public ComputationGraph continuedGraph(VariationalAutoencoder model) {
            if (!model.architecture().equals(architecture)) {
                throw new Gen4jException("cannot continue a " + model.architecture() + " with a trainer for " + architecture);
            }
            return org.gen4j.nn.SharedParameters.copy(model.trainingGraph());
        }

        public ComputationGraph newTrainingGraph() {
            ComputationGraph graph = VaeNetworks.training(architecture, architecture.newObservationLoss(),
                    new Adam(options.learningRate()), options.seed(), options.dataType());
            setBeta(graph, betaAt(0));
            return graph;
        }

        /** The KL weight of epoch {@code epoch} (0-based), warming up linearly over the first warm-up epochs. */
        public double betaAt(int epoch) {
            int w = options.warmupEpochs();
            return w == 0 ? options.beta() : options.beta() * Math.min(1.0, (epoch + 1) / (double) w);
        }

        /** Sets the training network's KL weight, which travels with its configuration to the workers. */
        public void setBeta(ComputationGraph graph, double beta) {
            ((KlDivergenceLoss) ((LossLayer) graph.getLayer(VaeNetworks.KL).conf().getLayer()).getLossFn()).setWeight(beta);
        }

        /** Class labels as the network's one-hot input rows (null for an unconditional model). */
        public INDArray labels(int[] labels, long n) {
            return architecture.conditional() ? VaeInputs.labels(architecture, labels, n) : null;
        }

        /** Rows (already scaled as the architecture expects) as a model. */
        public VariationalAutoencoder model(ComputationGraph trained, VaeHistory history, String data) {
            return new VariationalAutoencoder(architecture, trained, history, Provenance.now("VaeTrainer (distributed)",
                    hyperparameters(architecture, options, history.epochs()), data, List.of()));
        }

        /** Rows as the network's input rows, checked against the architecture. */
        public INDArray rows(INDArray data, String what) {
            return VaeInputs.rows(architecture, data, what, options.dataType());
        }
    }

    /** How a batch of rows becomes the training network's inputs and targets; the same on every machine. */
    public record BatchMaker(int latentSize, long seed, DataType dataType) implements java.io.Serializable {
        public MultiDataSet batch(INDArray rows, INDArray labels, long key) {
            long n = rows.rows();
            SplittableRandom random = new SplittableRandom(Seeds.mix(seed, key));
            float[] eps = new float[(int) n * latentSize];
            for (int i = 0; i < eps.length; i++) {
                eps[i] = (float) random.nextGaussian();
            }
            INDArray noise = Nd4j.create(eps, new long[]{n, latentSize}, DataType.FLOAT).castTo(dataType);
            INDArray x = rows.castTo(dataType);
            INDArray[] features = labels == null ? new INDArray[]{x, noise} : new INDArray[]{x, noise, labels.castTo(dataType)};
            return new MultiDataSet(features, new INDArray[]{x, Nd4j.zeros(dataType, n, 2L * latentSize)});
        }
    }

    /** Trains on rows (or images) of an unconditional model; no held-out data. */
    public VariationalAutoencoder fit(INDArray train) {
        return fit(train, null, null, null);
    }

    /** Trains and reports the ELBO of {@code test} after every epoch. */
    public VariationalAutoencoder fit(INDArray train, INDArray test) {
        return fit(train, null, test, null);
    }

    /** Trains a conditional model (labels may be null for an unconditional one; test may be null). */
    public VariationalAutoencoder fit(INDArray train, int[] trainLabels, INDArray test, int[] testLabels) {
        return train(newGraph(), VaeHistory.EMPTY, new InMemoryBatches(train, trainLabels, dataType), test, testLabels);
    }

    /** Trains from a DL4J iterator: features are the data, labels (one-hot) the classes of a conditional model (else ignored). */
    public VariationalAutoencoder fit(DataSetIterator train, INDArray test) {
        return train(newGraph(), VaeHistory.EMPTY, new MultiIteratorBatches(new org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter(train)), test, null);
    }

    /**
     * Trains from a DL4J multi-input iterator: {@code features[0]} is the data and, for a conditional model,
     * {@code features[1]} (or else {@code labels[0]}) the one-hot classes.
     */
    public VariationalAutoencoder fit(org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator train, INDArray test) {
        return train(newGraph(), VaeHistory.EMPTY, new MultiIteratorBatches(train), test, null);
    }

    /**
     * Trains {@code model} for this trainer's number of further epochs, with its updater state and iteration count,
     * on the same data and seed: the result equals one uninterrupted run. The given model is not changed.
     */
    public VariationalAutoencoder continueTraining(VariationalAutoencoder model, INDArray train, int[] trainLabels,
                                                   INDArray test, int[] testLabels) {
        if (!model.architecture().equals(architecture)) {
            throw new Gen4jException("cannot continue a " + model.architecture() + " with a trainer for " + architecture);
        }
        return train(org.gen4j.nn.SharedParameters.copy(model.trainingGraph()), model.history(),
                new InMemoryBatches(train, trainLabels, model.dataType()), test, testLabels);
    }

    private VariationalAutoencoder train(ComputationGraph graph, VaeHistory start, Batches batches, INDArray test, int[] testLabels) {
        graph.setListeners(listeners);
        KlDivergenceLoss kl = (KlDivergenceLoss) ((LossLayer) graph.getLayer(VaeNetworks.KL).conf().getLayer()).getLossFn();
        VaeHistory history = start;
        VariationalAutoencoder current = new VariationalAutoencoder(architecture, graph, history, provenance(batches, start.epochs()));
        DataType type = graph.params().dataType();
        INDArray testRows = test == null ? null : VaeInputs.rows(architecture, test, "held-out data", type);
        long iteration = history.iterations();
        EpochEnd epochEnd = epochEnd();
        boolean stop = false;
        for (int e = 0; e < epochs && !stop; e++) {
            int epoch = history.epochs();
            long started = System.nanoTime();
            double epochBeta = betaAt(epoch);
            kl.setWeight(epochBeta);
            listeners.forEach(l -> l.onEpochStart(graph));
            double lossSum = 0;
            long lossCount = 0;
            try (FitSession session = FitSession.open(graph)) {
                for (Batch batch : batches.epoch(seed, epoch)) {
                    org.gen4j.core.TrainingInterrupted.check();
                    session.step(graph, trainingBatch(batch, iteration, type));
                    double loss = graph.score();
                    boolean ended = earlyStopping != null && earlyStopping.afterIteration(loss);
                    if (!Double.isFinite(loss) && !ended) {
                        throw new Gen4jException("training diverged at epoch " + (epoch + 1) + ", iteration " + (iteration + 1)
                                + " (loss " + loss + "): lower the learning rate" + (architecture.likelihood() == Likelihood.GAUSSIAN
                                ? " or raise the variance floor" : "") + ", or standardise the data");
                    }
                    if (Double.isFinite(loss)) {
                        lossSum += loss * batch.x().rows();
                        lossCount += batch.x().rows();
                    }
                    iteration++;
                    if (ended) {
                        stop = true;
                        break;
                    }
                }
            }
            graph.getConfiguration().setEpochCount(epoch + 1);
            listeners.forEach(l -> l.onEpochEnd(graph));
            double testElbo = testRows == null ? Double.NaN
                    : current.elbo(testRows, testLabels, 1, seed).meanNumber().doubleValue();
            history = history.plus(iteration, lossSum / lossCount, testElbo, epochBeta, (System.nanoTime() - started) / 1e9);
            current = new VariationalAutoencoder(architecture, graph, history, current.provenance());
            if (stop) {
                epochEnd.snapshot(current);           // an iteration condition ended it: no epoch scoring
            } else {
                stop = epochEnd.after(e, current, graph, testRows != null);
            }
        }
        return epochEnd.chosen(current);
    }

    /**
     * What follows every epoch wherever it ran (here, or on Spark through {@link #distributed()}): the snapshot handed
     * to {@link #afterEpoch}, then early stopping. Starts early stopping afresh.
     */
    public EpochEnd epochEnd() {
        if (earlyStopping != null) {
            earlyStopping.start();
        }
        return new EpochEnd();
    }

    /** @see #epochEnd() */
    public final class EpochEnd {
        private EpochEnd() {
        }

        /**
         * @param e       0-based epoch of this training (not counting a resumed model's earlier epochs)
         * @param current the model after the epoch, its history ending with the epoch's held-out ELBO
         * @return whether early stopping ends training here
         */
        public boolean after(int e, VariationalAutoencoder current, ComputationGraph graph, boolean hasHeldOut) {
            snapshot(current);
            if (earlyStopping == null) {
                return false;
            }
            if (!hasHeldOut && earlyStopping.needsTrainerMetric()) {
                throw new Gen4jException("early stopping on the held-out ELBO needs test data: fit(train, test)");
            }
            VaeHistory h = current.history();
            return earlyStopping.afterEpoch(e, current, graph, h.testElbo()[h.epochs() - 1]);
        }

        /** Hands {@link #afterEpoch} its snapshot only. */
        public void snapshot(VariationalAutoencoder current) {
            if (afterEpoch != null) {
                afterEpoch.accept(current.copy());    // the callback may keep it while training goes on
            }
        }

        /** The model to hand back: early stopping's best, else the last. */
        public VariationalAutoencoder chosen(VariationalAutoencoder last) {
            return earlyStopping == null ? last : earlyStopping.chosen(last);
        }
    }

    double betaAt(int epoch) {
        return new Distributed(architecture, null, options()).betaAt(epoch);
    }

    private ComputationGraph newGraph() {
        return VaeNetworks.training(architecture, architecture.newObservationLoss(), new Adam(learningRate), seed, dataType);
    }

    private MultiDataSet trainingBatch(Batch batch, long iteration, DataType type) {
        return new BatchMaker(architecture.latentSize(), seed, type).batch(batch.x(), batch.labels(), iteration);
    }

    /** @param epochsBefore epochs the model had when this training started (a resumed run's: its checkpoint's) */
    private Provenance provenance(Batches batches, int epochsBefore) {
        // the whole training's epochs, resumed or not
        return Provenance.now("VaeTrainer", hyperparameters(architecture, options(), epochsBefore + epochs), batches.describe(), List.of());
    }

    /** What a fitted model's provenance records of how it was trained. */
    private static Map<String, Object> hyperparameters(VaeArchitecture architecture, VaeOptions options, int epochs) {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("architecture", architecture.toString());
        hyper.put("epochs", epochs);
        hyper.put("batchSize", options.batchSize());
        hyper.put("learningRate", options.learningRate());
        hyper.put("beta", options.beta());
        hyper.put("warmupEpochs", options.warmupEpochs());
        hyper.put("seed", options.seed());
        return hyper;
    }

    /** One minibatch: rows {@code [b, d]} and, for a conditional model, one-hot labels. */
    record Batch(INDArray x, INDArray labels) {
    }

    private interface Batches {
        Iterable<Batch> epoch(long seed, int epoch);

        String describe();
    }

    /** Rows in memory, shuffled per epoch from (seed, epoch). */
    private final class InMemoryBatches implements Batches {
        private final INDArray rows;
        private final INDArray oneHot;

        InMemoryBatches(INDArray data, int[] labels, DataType type) {
            this.rows = VaeInputs.rows(architecture, data, "training data", type);
            this.oneHot = VaeInputs.labels(architecture, labels, rows.rows());
        }

        @Override
        public Iterable<Batch> epoch(long seed, int epoch) {
            ShuffledBatches batches = new ShuffledBatches(rows, oneHot, batchSize);
            return () -> java.util.stream.StreamSupport.stream(batches.epoch(Seeds.mix(seed, -1 - epoch)).spliterator(), false)
                    .map(b -> new Batch(b.rows(), b.labels())).iterator();
        }

        @Override
        public String describe() {
            return rows.rows() + " rows x " + rows.columns() + " features (in memory)";
        }
    }

    /** Starts an iterator's epoch: reset when it can be, an error when a later epoch needs a reset it cannot do. */
    private static void rewind(boolean resetSupported, Runnable reset, int epoch) {
        if (resetSupported) {
            reset.run();
        } else if (epoch > 0) {
            throw new Gen4jException("the training iterator cannot be reset, so it feeds one epoch only; "
                    + "use epochs(1), or an iterator that supports reset()");
        }
    }

    /** Batches from a DL4J multi-input iterator, in its order; it is reset at the start of every epoch. */
    private final class MultiIteratorBatches implements Batches {
        private final org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator iterator;

        MultiIteratorBatches(org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator iterator) {
            this.iterator = iterator;
        }

        @Override
        public Iterable<Batch> epoch(long seed, int epoch) {
            rewind(iterator.resetSupported(), iterator::reset, epoch);
            List<Batch> out = new ArrayList<>();
            while (iterator.hasNext()) {
                org.nd4j.linalg.dataset.api.MultiDataSet d = iterator.next();
                INDArray x = VaeInputs.rows(architecture, d.getFeatures(0), "training batch", dataType);
                INDArray y = null;
                if (architecture.conditional()) {
                    INDArray classes = d.numFeatureArrays() > 1 ? d.getFeatures(1) : d.numLabelsArrays() > 0 ? d.getLabels(0) : null;
                    if (classes == null) {
                        throw new Gen4jException("a conditional VAE needs the one-hot classes: the second feature array (or the labels) of each batch");
                    }
                    y = classes.castTo(dataType);
                }
                out.add(new Batch(x, y));
            }
            return out;
        }

        @Override
        public String describe() {
            return "MultiDataSetIterator " + iterator.getClass().getSimpleName();
        }
    }
}
