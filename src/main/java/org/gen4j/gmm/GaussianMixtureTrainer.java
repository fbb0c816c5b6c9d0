package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.Provenance;
import org.gen4j.core.Require;
import org.gen4j.data.DataChecks;
import org.gen4j.data.OneHot;
import org.gen4j.data.Table;
import org.gen4j.stats.*;
import org.gen4j.em.Convergence;
import org.gen4j.em.DataPass;
import org.gen4j.em.EmEngine;
import org.gen4j.em.FitState;
import org.gen4j.em.PartitionStep;
import org.gen4j.em.PartitionedTable;
import org.gen4j.em.IterationListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Fits {@link GaussianMixture}s by expectation–maximisation, on in-memory data or streamed mini-batches.
 * Hyperparameters are validated by the builder; the trainer itself is immutable and reusable.
 *
 * <pre>{@code
 * GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder()
 *         .components(2).covariance(CovarianceType.FULL).nInit(3).seed(42).build();
 * GaussianMixture gmm = trainer.fit(Datasets.load("faithful"));
 * }</pre>
 */
public final class GaussianMixtureTrainer {
    private final Builder config;

    private GaussianMixtureTrainer(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder set to this trainer's hyperparameters, to derive a variant. */
    public Builder toBuilder() {
        return config.copy();
    }

    public int components() {
        return config.components;
    }

    public CovarianceType covarianceType() {
        return config.covariance;
    }

    /** Fits on a table; the model remembers its column names. */
    public GaussianMixture fit(Table table) {
        return fit(table.features(config.dataType), table.describe(), table.columns());
    }

    /** @param x {@code [n, d]} training data */
    public GaussianMixture fit(INDArray x) {
        return fit(x, "array [" + x.rows() + ", " + x.columns() + "]", List.of());
    }

    /**
     * Fits with each row counting for its weight (survey weights, or counts of repeated rows): in every E- and
     * M-step sum, in the lower bound and in the k-means++ seeding, a weight of k equals the row written k times.
     *
     * @param x             {@code [n, d]}
     * @param sampleWeights {@code [n]} finite, not negative, not all 0
     */
    public GaussianMixture fit(INDArray x, INDArray sampleWeights) {
        return fitWeighted(prepared(x), sampleWeights, "array [" + x.rows() + ", " + x.columns() + "], weighted", List.of());
    }

    /** {@link #fit(INDArray, INDArray)} on a table; the model remembers its column names. @param sampleWeights {@code [n]} */
    public GaussianMixture fit(Table table, double[] sampleWeights) {
        return fitWeighted(prepared(table.features(config.dataType), table.columns()), Nd4j.createFromArray(sampleWeights),
                table.describe() + ", weighted", table.columns());
    }

    private GaussianMixture fit(INDArray rawX, String dataDescription, List<String> columns) {
        if (MissingValues.any(rawX)) {
            return fitIncomplete(rawX, dataDescription + ", with missing values", columns);
        }
        return fitFrom(TrainingData.of(prepared(rawX, columns), config.covariance), dataDescription, columns, null);
    }

    /**
     * EM on the observed-data likelihood for rows with missing values (NaN): see {@link IncompleteMixtureEm}. The
     * start is the usual initialisation on the rows with each gap filled by its column's observed mean.
     */
    private GaussianMixture fitIncomplete(INDArray x, String dataDescription, List<String> columns) {
        double[][] rows = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] columnMeans = MissingValues.observedColumnMeans(rows, columns);
        INDArray filled = prepared(Nd4j.createFromArray(MissingValues.filled(rows, columnMeans)).castTo(config.dataType), columns);
        TrainingData start = TrainingData.of(filled, config.covariance);
        IncompleteMixtureEm.Rows data = IncompleteMixtureEm.Rows.of(rows);
        return engine(new IncompleteMixtureEm(config.covariance, columnMeans, config.regCovar), () -> dataDescription, columns)
                .fit(runSeed -> initialParameters(start, new Random(runSeed), runSeed), DataPass.of(List.of(data)), null);
    }

    private GaussianMixture fitWeighted(INDArray x, INDArray sampleWeights, String dataDescription, List<String> columns) {
        double[] weights = org.gen4j.data.Weights.checked(sampleWeights.toDoubleVector(), x.rows(), "row");
        int positive = org.gen4j.data.Weights.positive(weights);
        if (positive < config.components) {
            throw new Gen4jException(positive + " rows have a weight above 0, fewer than the " + config.components + " components");
        }
        return fitFrom(TrainingData.weighted(x, config.covariance, sampleWeights), dataDescription, columns, null);
    }

    /**
     * Continues a fit from a saved state, with this trainer's hyperparameters (they must be those of the original
     * fit): the same data and seed give the same model and the same lower-bound history as an uninterrupted fit.
     */
    public GaussianMixture resume(Table table, FitState<GaussianMixture> state) {
        TrainingData data = TrainingData.of(prepared(table.features(config.dataType), table.columns()), config.covariance);
        return fitFrom(data, table.describe(), table.columns(), state);
    }

    private GaussianMixture fitFrom(TrainingData data, String dataDescription, List<String> columns,
                                    FitState<GaussianMixture> resume) {
        return engine(data.shift(), () -> dataDescription, columns).fit(
                runSeed -> initialParameters(data, new Random(runSeed), runSeed), chunksOf(data), resume);
    }

    /** The chunks of in-memory data, the same every pass. */
    private static DataPass.Source<MixtureParameters, PreparedData> chunksOf(TrainingData data) {
        List<PreparedData> chunks = new ArrayList<>();
        for (int c = 0; c < data.chunkCount(); c++) {
            chunks.add(data.chunk(c));
        }
        return DataPass.of(chunks);
    }

    private EmEngine<MixtureParameters, PreparedData, MixtureEm.Statistics, GaussianMixture> engine(
            INDArray shift, Supplier<String> dataDescription, List<String> columns) {
        return engine(new MixtureEm(config.covariance, shift, config.regCovar), dataDescription, columns);
    }

    private <B, S extends org.gen4j.em.EmStatistics<S>> EmEngine<MixtureParameters, B, S, GaussianMixture> engine(
            org.gen4j.em.EmModel<MixtureParameters, B, S> model, Supplier<String> dataDescription, List<String> columns) {
        var settings = new EmEngine.Settings<>(config.maxIter, config.tol, Convergence.ABSOLUTE_CHANGE, config.nInit,
                config.seed, config.listener, config.stateListener);
        var mapping = new EmEngine.Mapping<MixtureParameters, GaussianMixture>((parameters, fit) -> new GaussianMixture(
                parameters, fit, Provenance.now(GaussianMixtureTrainer.class.getName(), config.asMap(), dataDescription.get(), columns)),
                GaussianMixture::parameters, GaussianMixture::fitSummary);
        return new EmEngine<>(model, settings, mapping);
    }

    /**
     * Warm start: continues EM from a fitted model's parameters (initialisation and {@code nInit} are not used).
     *
     * @param x     {@code [n, d]}
     * @param start a model with the same number of components, dimensions and covariance type
     */
    public GaussianMixture fit(INDArray x, GaussianMixture start) {
        if (start.components() != config.components || start.covarianceType() != config.covariance) {
            throw new Gen4jException("warm start needs a " + config.components + "-component " + config.covariance.label()
                    + " mixture, got " + start.components() + " " + start.covarianceType().label());
        }
        INDArray data = prepared(x);
        if (start.dimensions() != data.columns()) {
            throw new Gen4jException("warm start model has " + start.dimensions() + " dimensions, data has " + data.columns());
        }
        MixtureParameters p = start.parameters();
        MixtureParameters cast = new MixtureParameters(p.weights().castTo(config.dataType), p.gaussians().castTo(config.dataType));
        TrainingData training = TrainingData.of(data, config.covariance);
        return engine(training.shift(), () -> "array [" + x.rows() + ", " + x.columns() + "] (warm start)",
                start.provenance().columns()).fitFrom(cast, chunksOf(training));
    }

    /**
     * Streaming EM for data larger than memory: every iteration is one pass over the iterator, summing
     * sufficient statistics batch by batch, so the result equals batch EM on the concatenated data up to
     * rounding. The iterator must support {@code reset()}; initialisation uses the first batch.
     */
    public GaussianMixture fit(DataSetIterator batches) {
        if (!batches.resetSupported()) {
            throw new Gen4jException("streaming EM needs an iterator that supports reset(), since every iteration is a full pass");
        }
        batches.reset();
        if (!batches.hasNext()) {
            throw new Gen4jException("the data iterator is empty");
        }
        TrainingData first = TrainingData.of(prepared(batches.next().getFeatures(), -1), config.covariance);
        int d = (int) first.x().columns();
        long[] rows = {0};
        DataPass<MixtureParameters, PreparedData> pass = (current, each) -> {
            rows[0] = 0;
            batches.reset();
            while (batches.hasNext()) {
                PreparedData batch = PreparedData.of(prepared(batches.next().getFeatures(), d), first.shift(), config.covariance);
                rows[0] += batch.rows();
                each.accept(batch);
            }
        };
        return engine(first.shift(), () -> "data set iterator (" + rows[0] + " rows)", List.of()).fit(
                runSeed -> initialParameters(first, new Random(runSeed), runSeed), start -> pass, null);
    }

    /**
     * EM over a table held in partitions elsewhere (a Spark cluster: see {@code org.gen4j.spark}): every pass runs
     * where the rows are and only the statistics come back. Initialisation (k-means++, k-means, random, or the
     * given means) runs on a random sample of up to {@value #INIT_SAMPLE_ROWS} rows brought to the driver, as
     * Spark MLlib's does; given initial weights, means and precisions are used as they are, so the fit equals the
     * local fit on the same rows up to rounding.
     */
    public GaussianMixture fit(PartitionedTable table) {
        return resume(table, null);
    }

    /** {@link #fit(PartitionedTable)} continued from a checkpoint's state (null: from the start). */
    public GaussianMixture resume(PartitionedTable table, FitState<GaussianMixture> state) {
        int d = table.columns().size();
        // one counting pass first: rows with gaps anywhere take the observed-data EM (see IncompleteMixtureEm)
        ObservedColumns observed = table.aggregate(new ObservedColumns.Step(d), null);
        if (observed.anyMissing()) {
            return resumeIncomplete(table, observed.means(table.columns()), state);
        }
        TrainingData sample = TrainingData.of(prepared(table.sample(INIT_SAMPLE_ROWS, config.seed), d), config.covariance);
        RowBlocks reader = new RowBlocks(d, sample.shift(), config.covariance, config.dataType);
        return engine(sample.shift(), table::describe, table.columns()).fit(
                runSeed -> initialParameters(sample, new Random(runSeed), runSeed), DataPass.partitioned(table, reader), state);
    }

    /**
     * {@link #fit(PartitionedTable)} with each row counting for its weight, the table's last column: a weight of k
     * counts as the row k times, in EM and in the seeding, as {@link #fit(INDArray, INDArray)} does on one machine
     * (and equals it from the same start up to rounding). Rows with missing values are refused here.
     * <pre>{@code
     * GaussianMixture gmm = trainer.fitWeighted(SparkTable.of(frame, List.of("x", "y", "count")));   // "count" weighs each row
     * }</pre>
     */
    public GaussianMixture fitWeighted(PartitionedTable rowsThenWeight) {
        int width = rowsThenWeight.columns().size();
        int d = width - 1;
        if (d < 1) {
            throw new Gen4jException("a weighted table needs at least one feature column before its weight column");
        }
        List<String> features = rowsThenWeight.columns().subList(0, d);
        INDArray sample = rowsThenWeight.sample(INIT_SAMPLE_ROWS, config.seed);
        INDArray sampleWeights = sample.getColumn(d).dup();
        org.gen4j.data.Weights.checked(sampleWeights.toDoubleVector(), sample.rows(), "row");
        INDArray sampleRows = prepared(sample.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup(), features);
        TrainingData start = TrainingData.weighted(sampleRows, config.covariance, sampleWeights);
        WeightedRowBlocks reader = new WeightedRowBlocks(d, start.shift(), config.covariance, config.dataType);
        return engine(start.shift(), () -> rowsThenWeight.describe() + ", weighted by " + rowsThenWeight.columns().get(d), features)
                .fit(runSeed -> initialParameters(start, new Random(runSeed), runSeed), DataPass.partitioned(rowsThenWeight, reader), null);
    }

    /** A partition's block of rows with their weight last, as the weighted E-step reads it. */
    private record WeightedRowBlocks(int columns, INDArray shift, CovarianceType covariance, DataType dataType)
            implements PartitionStep.BlockReader<MixtureParameters, double[], PreparedData> {
        @Override
        public void read(MixtureParameters current, double[] block, java.util.function.Consumer<PreparedData> batches) {
            org.gen4j.em.WeightedBlock rows = org.gen4j.em.WeightedBlock.of(block, columns);
            double[] weights = org.gen4j.data.Weights.checked(rows.weights(), rows.rows(), "row");
            batches.accept(preparedBlock(rows.values(), columns, shift, covariance, dataType).withRowWeights(Nd4j.createFromArray(weights)));
        }
    }

    /**
     * Observed-data EM on a partitioned table with gaps: moments around the observed column means of the whole
     * table, the start from the sample with each gap filled by its column's mean, every block grouped by pattern of
     * gaps where it lies. From the same start it equals {@link #fit(INDArray)} on the same rows up to rounding.
     */
    private GaussianMixture resumeIncomplete(PartitionedTable table, double[] columnMeans, FitState<GaussianMixture> state) {
        int d = columnMeans.length;
        double[][] sampled = table.sample(INIT_SAMPLE_ROWS, config.seed).castTo(DataType.DOUBLE).toDoubleMatrix();
        INDArray filled = prepared(Nd4j.createFromArray(MissingValues.filled(sampled, columnMeans)).castTo(config.dataType), table.columns());
        TrainingData start = TrainingData.of(filled, config.covariance);
        PartitionStep.BlockReader<MixtureParameters, double[], IncompleteMixtureEm.Rows> rows = (current, block, each) -> {
            double[][] x = new double[block.length / d][d];
            for (int i = 0; i < x.length; i++) {
                System.arraycopy(block, i * d, x[i], 0, d);
            }
            MissingValues.requireNoInfinity(x, List.of());
            each.accept(IncompleteMixtureEm.Rows.of(x));
        };
        return engine(new IncompleteMixtureEm(config.covariance, columnMeans, config.regCovar), () -> table.describe() + ", with missing values",
                table.columns()).fit(runSeed -> initialParameters(start, new Random(runSeed), runSeed), DataPass.partitioned(table, rows), state);
    }

    /** Rows sampled to initialise a fit on a partitioned table. */
    public static final int INIT_SAMPLE_ROWS = 100_000;

    /** A partition's block of rows as the E-step reads it, around the sample's shift. */
    private record RowBlocks(int columns, INDArray shift, CovarianceType covariance, DataType dataType)
            implements PartitionStep.BlockReader<MixtureParameters, double[], PreparedData> {
        @Override
        public void read(MixtureParameters current, double[] block, java.util.function.Consumer<PreparedData> batches) {
            batches.accept(preparedBlock(block, columns, shift, covariance, dataType));
        }
    }

    /** A partition's row-major block prepared for the E-step: straight from the heap in float64. */
    private static PreparedData preparedBlock(double[] rows, int columns, INDArray shift, CovarianceType covariance, DataType dataType) {
        if (dataType == DataType.DOUBLE) {
            return PreparedData.ofRowMajor(rows, columns, shift, covariance, "training data");
        }
        INDArray x = Nd4j.create(rows, new long[]{rows.length / columns, columns}, 'c');
        DataChecks.requireFiniteMatrix(x, columns, "training data");
        return PreparedData.of(x.castTo(dataType), shift, covariance);
    }

    /** Parameters to start EM from: user-given, or an M-step on initial responsibilities. */
    private MixtureParameters initialParameters(TrainingData data, Random random, long seed) {
        INDArray x = data.x();
        int k = config.components;
        if (x.rows() < k) {
            throw new Gen4jException("the data has " + x.rows() + " rows, fewer than the " + k + " components");
        }
        if (config.initialWeights != null && config.initialMeans != null && config.initialPrecisions != null) {
            return withUserGiven(null, x.dataType());      // everything given: no initial M-step to run
        }
        INDArray resp;
        INDArray w = data.weights();                      // null, or the rows' weights: the seeding honours them too
        if (config.initialMeans != null) {
            resp = OneHot.rows(KMeans.nearest(x, config.initialMeans.castTo(x.dataType())), k, x.dataType());
        } else {
            resp = switch (config.init) {
                case KMEANS_PLUS_PLUS -> OneHot.rows(KMeans.nearest(x, KMeans.plusPlusCentres(x, k, random, w)), k, x.dataType());
                case KMEANS -> OneHot.rows(KMeans.nearest(x, KMeans.lloyd(x, KMeans.plusPlusCentres(x, k, random, w), w)), k, x.dataType());
                case RANDOM -> {
                    INDArray r = Nd4j.rand(org.gen4j.core.Seeds.nativeRandom(seed), x.rows(), k).castTo(x.dataType());
                    yield r.diviColumnVector(r.sum(true, 1));
                }
            };
        }
        GaussianStatistics stats = new GaussianStatistics(config.covariance, data.shift());
        for (int c = 0; c < data.chunkCount(); c++) {
            INDArray chunkResp = data.chunkCount() == 1 ? resp
                    : resp.get(NDArrayIndex.interval(data.start(c), data.end(c)), NDArrayIndex.all());
            stats.add(data.chunk(c), chunkResp, null);
        }
        MixtureParameters estimated = MixtureParameters.fromEstimate(stats.maximize(config.regCovar));
        return withUserGiven(estimated, x.dataType());
    }

    /** @param estimated the initial M-step's parameters, for those not given; null when all are given */
    private MixtureParameters withUserGiven(MixtureParameters estimated, DataType dtype) {
        if (config.initialMeans == null && config.initialWeights == null && config.initialPrecisions == null) {
            return estimated;
        }
        INDArray weights = config.initialWeights != null ? config.initialWeights.castTo(dtype) : estimated.weights();
        INDArray means = config.initialMeans != null ? config.initialMeans.castTo(dtype) : estimated.means();
        if (config.initialPrecisions == null) {
            return new MixtureParameters(weights, new GaussianComponents(config.covariance, means, estimated.covariances(),
                    estimated.precisionCholesky()));
        }
        CovarianceStructure structure = config.covariance.structure();
        INDArray covariances = structure.covariancesFromPrecisions(config.initialPrecisions.castTo(dtype));
        return new MixtureParameters(weights, new GaussianComponents(config.covariance, means, covariances,
                structure.precisionCholesky(covariances)));
    }

    /** Checks and casts a whole training set; a constant column is an error. */
    private INDArray prepared(INDArray x) {
        return prepared(x, List.of());
    }

    /** @param columns the names of the columns, to name a constant one (empty: by index) */
    private INDArray prepared(INDArray x, List<String> columns) {
        INDArray data = prepared(x, -1);
        requireNoConstantColumn(data, columns);
        return data;
    }

    /** Checks and casts one batch (a batch may hold a constant column by chance). */
    private INDArray prepared(INDArray x, int expectedColumns) {
        DataChecks.requireFiniteMatrix(x, expectedColumns, "training data");
        requireMemoryForSecondOrderTerms(x.rows(), x.columns());
        INDArray data = x.dataType() == config.dataType ? x : x.castTo(config.dataType);
        if (config.initialMeans != null && config.initialMeans.columns() != data.columns()) {
            throw new Gen4jException("initial means have " + config.initialMeans.columns() + " columns, data has " + data.columns());
        }
        return data;
    }

    /**
     * Full and tied covariances work with every pair of columns: d(d+1)/2 second-order terms per component, summed
     * per thread in lanes of four, as covariances and their Cholesky factors. Refused up front, with what it would
     * take, when that cannot fit in this JVM (10,000 columns once ran out of memory after minutes, with a stack trace).
     */
    private void requireMemoryForSecondOrderTerms(long rows, long d) {
        if (config.covariance != CovarianceType.FULL && config.covariance != CovarianceType.TIED) {
            return;
        }
        double terms = d * (d + 1) / 2.0 + d + 1;
        double bytes = 8.0 * config.components * (terms * (1 + 4 * 2) + 4.0 * d * d);
        long available = Runtime.getRuntime().maxMemory();
        if (bytes > available) {
            throw new Gen4jException(String.format(java.util.Locale.ROOT, "a %s covariance over %d columns has %,.0f second-order terms per component:"
                    + " %d components need about %.1f GB, more than the %.1f GB this JVM may use; use --covariance diag"
                    + " (or spherical), fewer columns, or more memory (GEN4J_JAVA_OPTS=-Xmx%dg)", config.covariance.label(), d,
                    terms, config.components, bytes / 1e9, available / 1e9, (long) Math.ceil(bytes * 1.5 / (1L << 30))));
        }
    }

    private static void requireNoConstantColumn(INDArray x, List<String> columns) {
        if (x.rows() < 2) {
            return;
        }
        double[] range = x.max(0).sub(x.min(0)).toDoubleVector();
        for (int j = 0; j < range.length; j++) {
            if (range[j] == 0) {
                String name = columns.size() == range.length ? "column '" + columns.get(j) + "'" : "column " + j;
                throw new Gen4jException(name + " of the training data is constant (every value is "
                        + x.getDouble(0, j) + "); a Gaussian cannot be fitted to it: drop the column");
            }
        }
    }

    /** The hyperparameters, each checked when set; {@link #build()} checks how they fit together. */
    public static final class Builder {
        private int components = 1;
        private CovarianceType covariance = MixtureOptions.DEFAULTS.covariance();
        private double regCovar = MixtureOptions.DEFAULTS.regCovar();
        private double tol = MixtureOptions.DEFAULTS.tol();
        private int maxIter = MixtureOptions.DEFAULTS.maxIter();
        private int nInit = MixtureOptions.DEFAULTS.nInit();
        private Initialization init = MixtureOptions.DEFAULTS.init();
        private long seed = MixtureOptions.DEFAULTS.seed();
        private DataType dataType = MixtureOptions.DEFAULTS.dataType();
        private INDArray initialWeights;
        private INDArray initialMeans;
        private INDArray initialPrecisions;
        private IterationListener listener = (run, iteration, lowerBound) -> { };
        private FitState.Listener<GaussianMixture> stateListener;

        private Builder() {
        }

        Builder copy() {
            Builder b = new Builder();
            b.components = components;
            b.covariance = covariance;
            b.regCovar = regCovar;
            b.tol = tol;
            b.maxIter = maxIter;
            b.nInit = nInit;
            b.init = init;
            b.seed = seed;
            b.dataType = dataType;
            b.initialWeights = initialWeights;
            b.initialMeans = initialMeans;
            b.initialPrecisions = initialPrecisions;
            b.listener = listener;
            b.stateListener = stateListener;
            return b;
        }

        /** Number of mixture components k (at least 1; default 1). */
        public Builder components(int k) {
            this.components = Require.atLeast("components", k, 1);
            return this;
        }

        public Builder covariance(CovarianceType type) {
            this.covariance = type;
            return this;
        }

        /** Added to the diagonal of every covariance, keeping it positive definite (default 1e-6). */
        public Builder regCovar(double value) {
            this.regCovar = Require.nonNegative("regCovar", value);
            return this;
        }

        /** Stop when the mean log-likelihood per sample changes by less than this (default 1e-3; 0 runs maxIter). */
        public Builder tol(double value) {
            this.tol = Require.nonNegative("tol", value);
            return this;
        }

        /** At most this many EM iterations per run (default 100). */
        public Builder maxIter(int value) {
            this.maxIter = Require.atLeast("maxIter", value, 1);
            return this;
        }

        /** Runs EM from this many initialisations and keeps the best lower bound (default 1). */
        public Builder nInit(int value) {
            this.nInit = Require.atLeast("nInit", value, 1);
            return this;
        }

        public Builder init(Initialization value) {
            this.init = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** {@code DataType.DOUBLE} (default) or {@code DataType.FLOAT}. */
        public Builder dataType(DataType value) {
            if (value != DataType.DOUBLE && value != DataType.FLOAT) {
                throw new Gen4jException("dataType must be DOUBLE or FLOAT, got " + value);
            }
            this.dataType = value;
            return this;
        }

        /** Initial mixing weights {@code [k]}; the rest is estimated unless also given. */
        public Builder initialWeights(INDArray weights) {
            this.initialWeights = weights;
            return this;
        }

        /** Initial means {@code [k, d]}; responsibilities for unspecified parameters come from the nearest mean. */
        public Builder initialMeans(INDArray means) {
            this.initialMeans = means;
            return this;
        }

        /** Initial precisions (inverse covariances) in the covariance type's shape. */
        public Builder initialPrecisions(INDArray precisions) {
            this.initialPrecisions = precisions;
            return this;
        }

        public Builder listener(IterationListener value) {
            this.listener = value;
            return this;
        }

        /** Receives the fit's state after every iteration (for checkpoints); null for none. */
        public Builder stateListener(FitState.Listener<GaussianMixture> value) {
            this.stateListener = value;
            return this;
        }

        public GaussianMixtureTrainer build() {
            if (initialMeans != null && (initialMeans.rank() != 2 || initialMeans.rows() != components)) {
                throw new Gen4jException("initial means must have shape [" + components + ", d], got "
                        + java.util.Arrays.toString(initialMeans.shape()));
            }
            if (initialWeights != null) {
                if (initialWeights.length() != components) {
                    throw new Gen4jException("initial weights must have " + components + " entries, got " + initialWeights.length());
                }
                double total = initialWeights.sumNumber().doubleValue();
                if (initialWeights.minNumber().doubleValue() < 0 || Math.abs(total - 1) > 1e-6) {
                    throw new Gen4jException("initial weights must be non-negative and sum to 1, got " + initialWeights);
                }
            }
            if (initialPrecisions != null) {
                if (initialMeans == null) {
                    throw new Gen4jException("initial precisions need initial means too");
                }
                covariance.structure().checkShape(initialPrecisions, components, (int) initialMeans.columns(), "initial precisions");
            }
            return new GaussianMixtureTrainer(copy());
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("components", components);
            m.put("covariance", covariance.label());
            m.put("regCovar", regCovar);
            m.put("tol", tol);
            m.put("maxIter", maxIter);
            m.put("nInit", nInit);
            m.put("init", initialMeans != null ? "given" : init.label());
            m.put("seed", seed);
            m.put("dataType", dataType.name());
            return m;
        }
    }
}
