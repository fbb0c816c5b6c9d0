package org.gen4j.hmm;

import org.gen4j.core.FitSummary;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Provenance;
import org.gen4j.core.Require;
import org.gen4j.data.OneHot;
import org.gen4j.data.SequenceBatch;
import org.gen4j.stats.ComputeWorkspace;
import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.GaussianStatistics;
import org.gen4j.stats.KMeans;
import org.gen4j.stats.MissingValues;
import org.gen4j.stats.PreparedData;
import org.gen4j.em.Convergence;
import org.gen4j.em.DataPass;
import org.gen4j.em.EmEngine;
import org.gen4j.em.FitState;
import org.gen4j.em.IterationListener;
import org.gen4j.em.PartitionStep;
import org.gen4j.em.PartitionedSequences;
import org.gen4j.em.SequenceBlock;
import org.gen4j.hmm.MarkovEm.Chunk;
import org.gen4j.hmm.MarkovEm.Parameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fits {@link HiddenMarkovModel}s by Baum–Welch (expectation–maximisation over state paths), batched over the
 * sequences of a {@link SequenceBatch}.
 *
 * <pre>{@code
 * HiddenMarkovModel hmm = BaumWelch.builder().states(3).gaussian(CovarianceType.FULL).nInit(3).seed(7)
 *         .build().fit(SequenceBatch.of(returns));
 * }</pre>
 *
 * Which parameters are learned is chosen with {@code params} ("s" start, "t" transitions, "e" emissions, as in
 * hmmlearn); parameters given to the builder are the starting values, the rest are initialised (k-means for
 * Gaussian and Poisson emissions, random rows for categorical ones). Transition probabilities that start at zero
 * stay zero, so left-right topologies are kept. Dirichlet priors on start and transition probabilities act as
 * pseudo-counts (concentration − 1, as hmmlearn's {@code startprob_prior} and {@code transmat_prior}).
 */
public final class BaumWelch {
    private final Builder config;

    private BaumWelch(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public HiddenMarkovModel fit(SequenceBatch batch) {
        INDArray observations = batch.concatenated().castTo(config.dataType);
        return fit(observations, batch.toString(), batch.columns(), inMemory(batch, observations, null), null);
    }

    /**
     * Fits with each sequence counting for its weight: its expected start, transition and emission counts and its
     * log-likelihood are multiplied by it, so a weight of k equals the sequence given k times. (The k-means start
     * of the emissions uses every step once.)
     *
     * @param sequenceWeights one per sequence: finite, not negative, not all 0
     */
    public HiddenMarkovModel fit(SequenceBatch batch, double[] sequenceWeights) {
        double[] weights = org.gen4j.data.Weights.checked(sequenceWeights, batch.lengths().length, "sequence");
        if (org.gen4j.data.Weights.positive(weights) == 0) {
            throw new Gen4jException("every sequence weight is 0: nothing to learn from");
        }
        INDArray observations = batch.concatenated().castTo(config.dataType);
        return fit(observations, batch + ", weighted", batch.columns(), inMemory(batch, observations, weights), null);
    }

    /**
     * Continues an in-memory fit from a saved state, with this trainer's hyperparameters (those of the original
     * fit): the same data and seed give the same model and history as an uninterrupted fit.
     */
    public HiddenMarkovModel resume(SequenceBatch batch, FitState<HiddenMarkovModel> state) {
        INDArray observations = batch.concatenated().castTo(config.dataType);
        return fit(observations, batch.toString(), batch.columns(), inMemory(batch, observations, null), state);
    }

    /** One pass = the whole batch, its observations prepared once for the run's emission. */
    private DataPass.Source<Parameters, Chunk> inMemory(SequenceBatch batch, INDArray observations, double[] sequenceWeights) {
        return start -> {
            Emission emission = start.emission();
            checkWidth(observations, emission);
            emission.check(observations);
            Emission.Observations prepared;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                prepared = emission.prepare(observations);
            }
            Chunk chunk = new Chunk(prepared, batch.lengths(), sequenceWeights);
            return (current, each) -> each.accept(chunk);
        };
    }

    /**
     * Streaming Baum–Welch for data that does not fit in memory: every iteration is one pass over the chunks,
     * summing expected counts and emission statistics chunk by chunk, so the result equals a fit on all the
     * sequences at once. The iterable is iterated once per iteration; initialisation uses the first chunk.
     */
    public HiddenMarkovModel fit(Iterable<SequenceBatch> chunks) {
        java.util.Iterator<SequenceBatch> first = chunks.iterator();
        if (!first.hasNext()) {
            throw new Gen4jException("no sequences: the chunk iterable is empty");
        }
        SequenceBatch head = first.next();
        return fit(head.concatenated().castTo(config.dataType), "streamed sequence chunks", head.columns(),
                start -> (current, each) -> {
                    for (SequenceBatch chunk : chunks) {
                        INDArray observations = chunk.concatenated().castTo(config.dataType);
                        checkWidth(observations, current.emission());
                        current.emission().check(observations);
                        each.accept(new Chunk(current.emission().prepare(observations), chunk.lengths()));
                    }
                }, null);
    }

    /**
     * Streaming Baum–Welch over a DL4J iterator of time series ({@code [batch, d, T]} features with optional masks,
     * e.g. from {@code SequenceRecordReaderDataSetIterator}); the iterator is reset for every iteration.
     */
    public HiddenMarkovModel fit(org.nd4j.linalg.dataset.api.iterator.DataSetIterator iterator) {
        if (!iterator.resetSupported()) {
            throw new Gen4jException("streaming Baum-Welch needs an iterator that supports reset(), since every iteration is a full pass");
        }
        return fit((Iterable<SequenceBatch>) () -> {
            iterator.reset();
            return new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return iterator.hasNext();
                }

                @Override
                public SequenceBatch next() {
                    org.nd4j.linalg.dataset.DataSet next = iterator.next();
                    return SequenceBatch.fromTimeSeries(next.getFeatures(), next.getFeaturesMaskArray());
                }
            };
        });
    }

    /**
     * Baum–Welch over sequences held in partitions elsewhere (a Spark cluster: see {@code org.gen4j.spark}): every
     * pass runs forward–backward where the sequences are and only the expected counts come back. Initialisation
     * runs on a random sample of up to {@value #INIT_SAMPLE_SEQUENCES} sequences brought to the driver, unless the
     * start, transition and emission parameters are all given; from given parameters the fit equals the local fit
     * on the same sequences up to rounding.
     */
    public HiddenMarkovModel fit(PartitionedSequences sequences) {
        return resume(sequences, null);
    }

    /** {@link #fit(PartitionedSequences)} continued from a checkpoint's state (null: from the start). */
    public HiddenMarkovModel resume(PartitionedSequences sequences, FitState<HiddenMarkovModel> state) {
        List<INDArray> sample = sequences.sample(INIT_SAMPLE_SEQUENCES, config.seed);
        INDArray initial = Nd4j.vstack(sample.toArray(INDArray[]::new)).castTo(config.dataType);
        return fit(initial, sequences.describe(), sequences.columns(),
                DataPass.partitioned(sequences, new SequenceBlocks(config.dataType)), state);
    }

    /**
     * {@link #fit(PartitionedSequences)} with each sequence counting for its weight, carried as the last column of
     * every step (constant within a sequence): equals {@link #fit(SequenceBatch, double[])} on one machine from the
     * same start up to rounding. The k-means start uses the sampled steps once each, as on one machine.
     */
    public HiddenMarkovModel fitWeighted(PartitionedSequences stepsThenWeight) {
        int width = stepsThenWeight.columns().size() - 1;
        if (width < 1) {
            throw new Gen4jException("weighted sequences need at least one observed column before the weight column");
        }
        List<INDArray> sample = new ArrayList<>();
        for (INDArray sequence : stepsThenWeight.sample(INIT_SAMPLE_SEQUENCES, config.seed)) {
            sample.add(sequence.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, width)));
        }
        INDArray initial = Nd4j.vstack(sample.toArray(INDArray[]::new)).castTo(config.dataType);
        List<String> observed = stepsThenWeight.columns().subList(0, width);
        String described = stepsThenWeight.describe() + ", weighted by " + stepsThenWeight.columns().get(width);
        return fit(initial, described, observed, DataPass.partitioned(stepsThenWeight, new WeightedSequenceBlocks(config.dataType)), null);
    }

    /** A partition's block of sequences with their weight as each step's last value, as the weighted E-step reads it. */
    private record WeightedSequenceBlocks(DataType dataType) implements PartitionStep.BlockReader<Parameters, SequenceBlock, Chunk> {
        @Override
        public void read(Parameters current, SequenceBlock block, java.util.function.Consumer<Chunk> chunks) {
            org.gen4j.em.WeightedBlock.Sequences weighted = org.gen4j.em.WeightedBlock.ofSequences(block);
            double[] weights = org.gen4j.data.Weights.checked(weighted.weights(), weighted.weights().length, "sequence");
            new SequenceBlocks(dataType).read(current, weighted.block(),
                    chunk -> chunks.accept(new Chunk(chunk.observations(), chunk.lengths(), weights)));
        }
    }

    /** Sequences sampled to initialise a fit on partitioned sequences. */
    public static final int INIT_SAMPLE_SEQUENCES = 1_000;

    /** A partition's block of sequences as the E-step reads it, prepared for the current emission. */
    private record SequenceBlocks(DataType dataType) implements PartitionStep.BlockReader<Parameters, SequenceBlock, Chunk> {
        @Override
        public void read(Parameters current, SequenceBlock block, java.util.function.Consumer<Chunk> chunks) {
            long steps = block.steps().length / block.columns();
            INDArray observations = Nd4j.create(block.steps(), new long[]{steps, block.columns()}, 'c').castTo(dataType);
            checkWidth(observations, current.emission());
            current.emission().check(observations);
            chunks.accept(new Chunk(current.emission().prepare(observations), block.lengths()));
        }
    }

    private HiddenMarkovModel fit(INDArray initialObservations, String description, List<String> columns,
                                  DataPass.Source<Parameters, Chunk> data, FitState<HiddenMarkovModel> resume) {
        if (initialObservations.rows() < config.states) {
            throw new Gen4jException("the data has " + initialObservations.rows() + " steps, fewer than the "
                    + config.states + " states");
        }
        // k-means starts need complete rows: each gap filled with its column's observed mean (EM then uses the gaps)
        INDArray startingData = !MissingValues.any(initialObservations) ? initialObservations
                : filledWithColumnMeans(initialObservations, columns);
        var settings = new EmEngine.Settings<>(config.maxIter, config.tol, Convergence.GAIN, config.nInit, config.seed,
                config.listener, config.stateListener);
        var mapping = new EmEngine.Mapping<Parameters, HiddenMarkovModel>(
                (p, fit) -> new HiddenMarkovModel(p.startProb(), p.transMat(), p.emission(), fit,
                        Provenance.now(BaumWelch.class.getName(), config.asMap(), description, columns)),
                m -> new Parameters(m.startProb(), m.transMat(), m.emission()), HiddenMarkovModel::fitSummary);
        return new EmEngine<>(new MarkovEm(config.params, config.startPrior, config.transitionPrior), settings, mapping)
                .fit(runSeed -> initialise(startingData, new Random(runSeed)), data, resume);
    }

    private static INDArray filledWithColumnMeans(INDArray x, List<String> columns) {
        double[][] values = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] means = MissingValues.observedColumnMeans(values, columns.size() == values[0].length ? columns : List.of());
        return Nd4j.createFromArray(MissingValues.filled(values, means)).castTo(x.dataType());
    }

    private static void checkWidth(INDArray observations, Emission emission) {
        if (observations.columns() != emission.dimensions()) {
            String hint = emission instanceof CategoricalEmission
                    ? " (categorical emissions take one column of symbol codes 0..M-1: choose it with --columns)" : "";
            throw new Gen4jException("the sequences have " + observations.columns() + " columns, the emission expects "
                    + emission.dimensions() + hint);
        }
    }

    private Parameters initialise(INDArray x, Random random) {
        int k = config.states;
        DataType dtype = config.dataType;
        INDArray startProb = config.startProb != null ? config.startProb.castTo(dtype)
                : Nd4j.valueArrayOf(new long[]{k}, 1.0 / k, dtype);
        INDArray transMat = config.transMat != null ? config.transMat.castTo(dtype)
                : Nd4j.valueArrayOf(new long[]{k, k}, 1.0 / k, dtype);
        Emission emission = config.emission != null ? config.emission : initialEmission(x, random);
        if (config.emissionKind.equals(GaussianMixtureEmission.KIND) && config.mixtures < 2 && config.emission == null) {
            throw new Gen4jException("a Gaussian mixture emission needs at least 2 components per state (use gaussian for 1)");
        }
        if (emission.states() != k) {
            throw new Gen4jException("the given emission has " + emission.states() + " states, the model " + k);
        }
        return new Parameters(startProb, transMat, emission);
    }

    private Emission initialEmission(INDArray x, Random random) {
        int k = config.states;
        return switch (config.emissionKind) {
            case GaussianEmission.KIND -> {
                INDArray labels = KMeans.nearest(x, KMeans.lloyd(x, KMeans.plusPlusCentres(x, k, random)));
                INDArray resp = OneHot.rows(labels, k, x.dataType());
                INDArray shift = x.mean(true, 0);
                GaussianStatistics statistics = new GaussianStatistics(config.covariance, shift);
                statistics.add(PreparedData.of(x, shift, config.covariance), resp, null);
                yield new GaussianEmission(statistics.maximize(config.regCovar).components(), config.regCovar);
            }
            case PoissonEmission.KIND -> {
                INDArray centres = KMeans.lloyd(x, KMeans.plusPlusCentres(x, k, random));
                yield new PoissonEmission(Transforms.max(centres, PoissonEmission.MIN_RATE, false).addi(1e-3));
            }
            case GaussianMixtureEmission.KIND -> {
                // as hmmlearn: k-means into K state clusters, then k-means into M components within each
                int m = config.mixtures;
                int[] stateOf = KMeans.nearest(x, KMeans.lloyd(x, KMeans.plusPlusCentres(x, k, random))).toIntVector();
                int[] componentOf = new int[stateOf.length];
                for (int state = 0; state < k; state++) {
                    int[] rows = rowsOf(stateOf, state);
                    INDArray members = rows.length >= m ? x.getRows(rows) : x;
                    INDArray centres = KMeans.lloyd(members, KMeans.plusPlusCentres(members, m, random));
                    int[] nearest = KMeans.nearest(x.getRows(rows.length > 0 ? rows : new int[]{0}), centres).toIntVector();
                    for (int i = 0; i < rows.length; i++) {
                        componentOf[rows[i]] = state * m + nearest[i];
                    }
                }
                INDArray resp = OneHot.rows(Nd4j.createFromArray(componentOf), k * m, x.dataType());
                INDArray shift = x.mean(true, 0);
                GaussianStatistics statistics = new GaussianStatistics(config.covariance, shift);
                statistics.add(PreparedData.of(x, shift, config.covariance), resp, null);
                yield new GaussianMixtureEmission(statistics.maximize(config.regCovar).components(),
                        Nd4j.valueArrayOf(new long[]{k, m}, 1.0 / m, x.dataType()), config.regCovar);
            }
            case CategoricalEmission.KIND -> {
                int symbols = config.symbols > 0 ? config.symbols : (int) x.maxNumber().doubleValue() + 1;
                yield CategoricalEmission.random(k, symbols, random, x.dataType());
            }
            default -> throw new IllegalStateException("emission kind " + config.emissionKind);
        };
    }

    private static int[] rowsOf(int[] labels, int label) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
    }

    /** Hyperparameters, each checked when set. */
    public static final class Builder {
        private int states = BaumWelchOptions.DEFAULTS.states();
        private String emissionKind = BaumWelchOptions.DEFAULTS.emission();
        private CovarianceType covariance = BaumWelchOptions.DEFAULTS.covariance();
        private int symbols = -1;
        private int mixtures = BaumWelchOptions.DEFAULTS.mixtures();
        private double regCovar = BaumWelchOptions.DEFAULTS.regCovar();
        private double tol = BaumWelchOptions.DEFAULTS.tol();
        private int maxIter = BaumWelchOptions.DEFAULTS.maxIter();
        private int nInit = BaumWelchOptions.DEFAULTS.nInit();
        private long seed = BaumWelchOptions.DEFAULTS.seed();
        private String params = "ste";
        private double startPrior = 1.0;
        private double transitionPrior = 1.0;
        private INDArray startProb;
        private INDArray transMat;
        private Emission emission;
        private DataType dataType = DataType.DOUBLE;
        private IterationListener listener = (run, iteration, ll) -> { };
        private FitState.Listener<HiddenMarkovModel> stateListener;

        private Builder() {
        }

        /** Number of hidden states K (at least 1). */
        public Builder states(int k) {
            this.states = Require.atLeast("states", k, 1);
            return this;
        }

        /** Gaussian emissions with the given covariance type (default: diagonal). */
        public Builder gaussian(CovarianceType type) {
            this.emissionKind = GaussianEmission.KIND;
            this.covariance = type;
            return this;
        }

        /** Categorical emissions over symbols 0..M-1 (M from the data when not positive). */
        public Builder categorical(int symbolCount) {
            this.emissionKind = CategoricalEmission.KIND;
            this.symbols = symbolCount;
            return this;
        }

        /** A mixture of M Gaussians per state, with the given covariance type. */
        public Builder gaussianMixture(int componentsPerState, CovarianceType type) {
            Require.atLeast("mixtures per state", componentsPerState, 1);
            this.emissionKind = componentsPerState == 1 ? GaussianEmission.KIND : GaussianMixtureEmission.KIND;
            this.mixtures = componentsPerState;
            this.covariance = type;
            return this;
        }

        public Builder poisson() {
            this.emissionKind = PoissonEmission.KIND;
            return this;
        }

        /** gaussian, gmm, categorical or poisson. */
        public Builder emission(String kind) {
            String k = kind.trim().toLowerCase(Locale.ROOT);
            if (!List.of(GaussianEmission.KIND, CategoricalEmission.KIND, PoissonEmission.KIND,
                    GaussianMixtureEmission.KIND).contains(k)) {
                throw new Gen4jException("unknown emission '" + kind + "' (expected gaussian, gmm, categorical or poisson)");
            }
            this.emissionKind = k;
            return this;
        }

        public Builder covariance(CovarianceType type) {
            this.covariance = type;
            return this;
        }

        public Builder regCovar(double value) {
            this.regCovar = Require.nonNegative("regCovar", value);
            return this;
        }

        /** Stop when the total log-likelihood gains less than this (default 1e-2, as hmmlearn); 0 runs maxIter. */
        public Builder tol(double value) {
            this.tol = Require.nonNegative("tol", value);
            return this;
        }

        public Builder maxIter(int value) {
            this.maxIter = Require.atLeast("maxIter", value, 1);
            return this;
        }

        public Builder nInit(int value) {
            this.nInit = Require.atLeast("nInit", value, 1);
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Which parameters Baum–Welch updates: any of s (start), t (transitions), e (emissions). */
        public Builder params(String value) {
            if (!value.matches("[ste]*")) {
                throw new Gen4jException("params may contain only s (start), t (transitions) and e (emissions), got '" + value + "'");
            }
            this.params = value;
            return this;
        }

        /** Dirichlet concentration on the start probabilities (1 = no prior). */
        public Builder startPrior(double concentration) {
            this.startPrior = Require.positive("startPrior", concentration);
            return this;
        }

        /** Dirichlet concentration on each transition row (1 = no prior). */
        public Builder transitionPrior(double concentration) {
            this.transitionPrior = Require.positive("transitionPrior", concentration);
            return this;
        }

        /** Given start probabilities {@code [K]}. */
        public Builder startProb(INDArray value) {
            HmmChecks.requireStochasticRows(value.reshape(1, value.length()), "start probabilities");
            this.startProb = value;
            return this;
        }

        /** Given transition matrix {@code [K, K]}; its zeros stay zero. */
        public Builder transMat(INDArray value) {
            HmmChecks.requireStochasticRows(value, "transition matrix");
            this.transMat = value;
            return this;
        }

        /** Given emissions (their kind replaces the builder's). */
        public Builder emission(Emission value) {
            this.emission = value;
            this.emissionKind = value.kind();
            return this;
        }

        public Builder dataType(DataType value) {
            this.dataType = value;
            return this;
        }

        public Builder listener(IterationListener value) {
            this.listener = value;
            return this;
        }

        /** Receives the fit's state after every iteration (for checkpoints); null for none. */
        public Builder stateListener(FitState.Listener<HiddenMarkovModel> value) {
            this.stateListener = value;
            return this;
        }

        public BaumWelch build() {
            if (startProb != null && startProb.length() != states) {
                throw new Gen4jException("start probabilities have " + startProb.length() + " entries for " + states + " states");
            }
            if (transMat != null && (transMat.rows() != states || transMat.columns() != states)) {
                throw new Gen4jException("the transition matrix must be [" + states + ", " + states + "]");
            }
            return new BaumWelch(this);
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("states", states);
            m.put("emission", emissionKind);
            if (emissionKind.equals(GaussianEmission.KIND) || emissionKind.equals(GaussianMixtureEmission.KIND)) {
                m.put("covariance", covariance.label());
                m.put("regCovar", regCovar);
            }
            if (emissionKind.equals(GaussianMixtureEmission.KIND)) {
                m.put("mixtures", mixtures);
            }
            m.put("tol", tol);
            m.put("maxIter", maxIter);
            m.put("nInit", nInit);
            m.put("seed", seed);
            m.put("params", params);
            m.put("startPrior", startPrior);
            m.put("transitionPrior", transitionPrior);
            return m;
        }
    }
}
