package org.gen4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.estimators.ExpectationMaximization;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.estimators.PartitionedCases;
import org.gen4j.bayesnet.structure.CountSource;
import org.gen4j.bayesnet.structure.Dag;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.HiddenMarkovModel;

import java.util.List;

/**
 * The command line's way onto Spark: each fit opens a session, reads the data where Spark reads it (a CSV or Parquet
 * URI; a bundled data set is sent from this machine, for trying Spark out), fits, scores the data once more where it
 * lives, and closes the session. Its signatures name no Spark type, so the command line loads Spark only when asked.
 */
public final class SparkFits {
    private SparkFits() {
    }

    /**
     * A fitted model with what a command reports about it.
     *
     * @param logLikelihood the total log-likelihood of the data under the fitted model (weighted rows: Σ w log p)
     * @param count         rows, or steps of sequences
     * @param sampleSize    what BIC counts: {@code count}, or the total weight of weighted rows
     */
    public record Fitted<M>(M model, String data, long count, double logLikelihood, double sampleSize) {
        public Fitted(M model, String data, long count, double logLikelihood) {
            this(model, data, count, logLikelihood, count);
        }
    }

    /** @param master {@code local[N]}, a cluster's master URL, or {@code default} for what spark-submit set */
    public static Fitted<GaussianMixture> gmm(String master, String data, List<String> columns, GaussianMixtureTrainer trainer) {
        return gmm(master, data, columns, null, trainer);
    }

    /**
     * @param weightColumn a numeric column weighing each row (a weight of k counts as the row k times), or null;
     *                     {@link Fitted#count} is then the total weight
     */
    public static Fitted<GaussianMixture> gmm(String master, String data, List<String> columns, String weightColumn,
                                             GaussianMixtureTrainer trainer) {
        SparkSession spark = SparkSessions.open(master, false);
        try {
            Dataset<Row> rows = SparkSources.readOrSend(spark, data);
            if (weightColumn == null) {
                try (SparkTable table = SparkTable.of(rows, columns, data)) {
                    GaussianMixture fitted = trainer.fit(table);
                    LogLikelihoodTotal total = table.aggregate(new LogLikelihoodTotal.OfRows(table.columns().size()), fitted);
                    return new Fitted<>(fitted, table.describe(), table.rows(), total.total);
                }
            }
            if (columns != null && columns.contains(weightColumn)) {
                throw new org.gen4j.core.Gen4jException("'" + weightColumn + "' is the weight column: it cannot be a feature too");
            }
            List<String> features = new java.util.ArrayList<>(columns == null || columns.isEmpty()
                    ? SparkColumns.numericColumns(rows, data) : columns);
            features.remove(weightColumn);
            features.add(weightColumn);                                     // the weight last, as fitWeighted reads it
            try (SparkTable table = SparkTable.of(rows, features, data)) {
                GaussianMixture fitted = trainer.fitWeighted(table);
                LogLikelihoodTotal total = table.aggregate(new LogLikelihoodTotal.OfWeightedRows(features.size() - 1), fitted);
                return new Fitted<>(fitted, table.describe() + ", weighted by " + weightColumn, table.rows(), total.total, total.weight);
            }
        } finally {
            spark.stop();
        }
    }

    /** @param sequenceColumn null: all rows are one sequence; @param orderColumn null: steps in the order read */
    public static Fitted<HiddenMarkovModel> hmm(String master, String data, List<String> columns, String sequenceColumn,
                                                String orderColumn, BaumWelch trainer) {
        return hmm(master, data, columns, sequenceColumn, orderColumn, null, trainer);
    }

    /**
     * @param weightColumn a numeric column giving each sequence's weight (the same on all its rows), or null;
     *                     {@link Fitted#sampleSize} is then Σ weight × length
     */
    public static Fitted<HiddenMarkovModel> hmm(String master, String data, List<String> columns, String sequenceColumn,
                                                String orderColumn, String weightColumn, BaumWelch trainer) {
        SparkSession spark = SparkSessions.open(master, false);
        try {
            Dataset<Row> rows = SparkSources.readOrSend(spark, data);
            List<String> observed = new java.util.ArrayList<>(columns != null && !columns.isEmpty() ? columns : List.of(rows.columns()).stream()
                    .filter(c -> !c.equals(sequenceColumn) && !c.equals(orderColumn)).toList());
            if (weightColumn == null) {
                try (SparkSequences sequences = SparkSequences.of(rows, observed, sequenceColumn, orderColumn, data)) {
                    HiddenMarkovModel fitted = trainer.fit(sequences);
                    LogLikelihoodTotal total = sequences.aggregate(new LogLikelihoodTotal.OfSequences(), fitted);
                    return new Fitted<>(fitted, sequences.describe(), sequences.steps(), total.total);
                }
            }
            if (columns != null && columns.contains(weightColumn)) {
                throw new org.gen4j.core.Gen4jException("'" + weightColumn + "' is the weight column: it cannot be observed too");
            }
            observed.remove(weightColumn);
            observed.add(weightColumn);                                       // the weight last, as fitWeighted reads it
            try (SparkSequences sequences = SparkSequences.of(rows, observed, sequenceColumn, orderColumn, data)) {
                HiddenMarkovModel fitted = trainer.fitWeighted(sequences);
                LogLikelihoodTotal total = sequences.aggregate(new LogLikelihoodTotal.OfWeightedSequences(), fitted);
                return new Fitted<>(fitted, sequences.describe() + ", weighted by " + weightColumn, sequences.steps(), total.total,
                        total.weight);
            }
        } finally {
            spark.stop();
        }
    }


    /**
     * Tables of a fixed structure: counted in one pass when every variable has a column and no value is missing,
     * else expectation-maximisation (missing values, latent variables). The log-likelihood is not computed (NaN).
     */
    public static Fitted<BayesianNetwork> bayesianNetwork(String master, String data, BayesianNetwork structure,
                                                         ParameterEstimator tables, ExpectationMaximization em) {
        return bayesianNetwork(master, data, null, structure, tables, em);
    }

    /**
     * @param weightColumn a numeric column weighing each row (a weight of k counts as the row k times), or null;
     *                     {@link Fitted#sampleSize} is then the total weight
     */
    public static Fitted<BayesianNetwork> bayesianNetwork(String master, String data, String weightColumn, BayesianNetwork structure,
                                                         ParameterEstimator tables, ExpectationMaximization em) {
        SparkSession spark = SparkSessions.open(master, false);
        try (SparkCases cases = SparkCases.of(SparkSources.readOrSend(spark, data), structure.variables(), weightColumn, data)) {
            boolean complete = cases.variables().size() == structure.variables().size() && !cases.hasMissing();
            BayesianNetwork fitted = complete ? tables.fit(structure, cases) : em.fit(structure, cases).network();
            return new Fitted<>(fitted, cases.describe() + (complete ? "" : ", by expectation-maximisation"), cases.rows(), Double.NaN,
                    cases.totalWeight());
        } finally {
            spark.stop();
        }
    }

    /**
     * A learned network with its structure and what a command reports.
     *
     * @param logLikelihood of the cases (weighted cases: Σ w log p) @param sampleSize the rows' total weight
     */
    public record Learned(BayesianNetwork network, Dag dag, String data, long rows, double logLikelihood, double sampleSize) {
    }

    /**
     * Structure and tables from cases where Spark reads them (states as found in the columns): {@code search} is
     * given the cases' counts (hill climbing or a Chow–Liu tree over {@link CountSource#of(PartitionedCases)}), and
     * every request for counts is one pass where the cases are.
     */
    public static Learned learn(String master, String data, java.util.function.Function<CountSource, Dag> search,
                                ParameterEstimator tables, java.util.Map<String, Object> settings) {
        return learn(master, data, null, search, tables, settings);
    }

    /** @param weightColumn a numeric column weighing each row (not a variable), or null */
    public static Learned learn(String master, String data, String weightColumn, java.util.function.Function<CountSource, Dag> search,
                                ParameterEstimator tables, java.util.Map<String, Object> settings) {
        SparkSession spark = SparkSessions.open(master, false);
        try (SparkCases cases = SparkCases.discovered(SparkSources.readOrSend(spark, data), weightColumn, data)) {
            if (cases.hasMissing()) {
                throw new org.gen4j.core.Gen4jException(data + " has missing values: structure search needs complete cases");
            }
            CountSource counts = CountSource.of(cases);
            Dag dag = search.apply(counts);
            List<double[][]> familyCounts = counts.countTables(dag.families());     // one pass: tables and likelihood
            BayesianNetwork network = dag.fit(familyCounts, cases.describe(), tables, settings);
            return new Learned(network, dag, cases.describe(), cases.rows(), dag.logLikelihood(network, familyCounts), cases.totalWeight());
        } finally {
            spark.stop();
        }
    }

    /**
     * A VAE trained where Spark reads its rows, and rows of it for a report.
     *
     * @param shown       the held-out rows on the driver (read on Spark: at most {@link SparkNetworkRows#HELD_OUT_ROWS}),
     *                    or without a held-out share training rows (read on Spark: the first 500)
     * @param trainRows   rows trained on, in the partitions
     * @param heldOutRows rows held out in all (0 with none)
     */
    public record TrainedVae(org.gen4j.vae.VariationalAutoencoder model, org.gen4j.data.NetworkData shown, long trainRows,
                             long heldOutRows) {
    }

    /**
     * A VAE trained on Spark. A table named by a CSV or Parquet URI is read where it is, scaled and split on Spark (see
     * {@link SparkNetworkRows}); anything else (images, bundled tables, discrete tables) is loaded here by
     * {@code loadHere}, split as on one machine and its training rows sent to the partitions, for trying Spark out.
     * {@code trainerFor} makes the trainer once the data's shape is known (from rows of it).
     *
     * @param columns   the numeric columns (empty: all but {@code labelColumn}); @param limit the first rows only (0: all)
     * @param tabular   whether the data may be read by Spark as numeric columns (false for a categorical likelihood)
     * @param continued a checkpoint to continue for the trainer's epochs, or null to start afresh
     */
    public static TrainedVae vae(String master, String data, List<String> columns, String labelColumn, int limit,
                                 org.gen4j.data.NetworkData.Scale scale, boolean tabular, double trainFraction, long seed,
                                 java.util.function.Supplier<org.gen4j.data.NetworkData> loadHere,
                                 java.util.function.Function<org.gen4j.data.NetworkData, org.gen4j.vae.VaeTrainer> trainerFor,
                                 int averaging, org.gen4j.vae.VariationalAutoencoder continued) {
        boolean inPlace = tabular && SparkSources.isSparkSource(data);
        org.gen4j.data.NetworkData[] parts = null;
        org.gen4j.vae.VaeTrainer here = null;
        if (!inPlace) {                       // loaded and checked before a Spark session starts
            org.gen4j.data.NetworkData all = loadHere.get();
            parts = all.split(trainFraction, seed);
            here = trainerFor.apply(all);
        }
        SparkSession spark = SparkSessions.open(master, false);
        try {
            if (!inPlace) {
                return sent(spark, parts, here, averaging, continued);
            }
            SparkNetworkRows rows = SparkNetworkRows.read(SparkSources.read(spark, data), data, columns, labelColumn, limit, scale,
                    trainFraction, seed);
            org.gen4j.data.NetworkData shown = shown(rows);
            org.gen4j.vae.VaeTrainer trainer = trainerFor.apply(shown);
            boolean conditional = trainer.architecture().conditional();
            org.gen4j.vae.VariationalAutoencoder vae = SparkVae.fit(trainer, rows.train(), rows.columns(),
                    conditional ? rows.classes() : null, rows.heldOut(), conditional ? rows.heldOutLabels() : null, averaging, continued);
            return new TrainedVae(vae, shown, SparkFailures.unwrapped(rows.train()::count), rows.heldOutRows());
        } finally {
            spark.stop();
        }
    }

    /** Training rows on this machine sent to the session's default number of partitions. */
    private static TrainedVae sent(SparkSession spark, org.gen4j.data.NetworkData[] parts, org.gen4j.vae.VaeTrainer trainer,
                                   int averaging, org.gen4j.vae.VariationalAutoencoder continued) {
        org.gen4j.vae.VaeArchitecture architecture = trainer.architecture();
        org.nd4j.linalg.api.ndarray.INDArray rows = trainer.distributed().rows(architecture.inputs(parts[0]), "training data");
        List<String> columns = java.util.stream.IntStream.range(0, (int) rows.columns()).mapToObj(j -> "x" + j).toList();
        ClassColumn classes = architecture.conditional() ? new ClassColumn("label", parts[0].classNames()) : null;
        String[] labels = classes == null ? null
                : java.util.Arrays.stream(parts[0].labels()).mapToObj(c -> classes.classes().get(c)).toArray(String[]::new);
        Dataset<Row> frame = SparkSources.of(spark, new org.gen4j.data.Table(rows.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE),
                columns, labels, parts[0].description()), classes == null ? null : classes.name())
                .repartition(spark.sparkContext().defaultParallelism());
        org.gen4j.data.NetworkData heldOut = parts[1];
        org.gen4j.vae.VariationalAutoencoder vae = SparkVae.fit(trainer, frame, columns, classes,
                heldOut == null ? null : architecture.inputs(heldOut), heldOut == null || classes == null ? null : heldOut.labels(),
                averaging, continued);
        return new TrainedVae(vae, heldOut != null ? heldOut : parts[0], parts[0].rows(), heldOut == null ? 0 : heldOut.rows());
    }

    /** The held-out rows on the driver, or without a held-out share the first 500 training rows, as network data. */
    private static org.gen4j.data.NetworkData shown(SparkNetworkRows rows) {
        org.nd4j.linalg.api.ndarray.INDArray shownRows = rows.heldOut() != null ? rows.heldOut() : firstRows(rows, 500);
        int[] labels = rows.heldOut() != null ? rows.heldOutLabels() : firstLabels(rows, (int) shownRows.rows());
        return new org.gen4j.data.NetworkData(shownRows, labels, rows.classes() == null ? List.of() : rows.classes().classes(), null,
                rows.description() + (rows.heldOut() != null ? ", " + shownRows.rows() + " held-out rows on the driver" : ""),
                null, null);
    }

    /**
     * A trained GAN with what a command reports about it.
     *
     * @param rows  rows trained on
     * @param shown the rows it was loaded from here, or (read where they live) the first 500 training rows
     */
    public record TrainedGan(org.gen4j.gan.Gan model, String data, long rows, org.gen4j.data.NetworkData shown) {
    }

    /**
     * A GAN trained on Spark by local steps and averaging ({@link SparkGan}). A table named by a CSV or Parquet URI is
     * read and standardised where it is; anything else (images, bundled tables) is loaded here by {@code loadHere} and
     * its rows sent to the partitions. {@code trainerFor} makes the trainer once the data's shape is known.
     */
    public static TrainedGan gan(String master, String data, List<String> columns, int limit,
                                 java.util.function.Supplier<org.gen4j.data.NetworkData> loadHere,
                                 java.util.function.Function<org.gen4j.data.NetworkData, org.gen4j.gan.GanTrainer> trainerFor,
                                 int averaging, org.gen4j.gan.Gan continued) {
        boolean inPlace = SparkSources.isSparkSource(data);
        org.gen4j.data.NetworkData all = inPlace ? null : loadHere.get();       // loaded and checked before Spark starts
        org.gen4j.gan.GanTrainer here = inPlace ? null : trainerFor.apply(all);
        SparkSession spark = SparkSessions.open(master, false);
        try {
            if (!inPlace) {
                org.nd4j.linalg.api.ndarray.INDArray rows = all.flat().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
                List<String> names = java.util.stream.IntStream.range(0, (int) rows.columns()).mapToObj(j -> "x" + j).toList();
                ClassColumn classes = here.architecture().conditional() ? new ClassColumn("label", all.classNames()) : null;
                String[] labels = classes == null ? null
                        : java.util.Arrays.stream(all.labels()).mapToObj(c -> classes.classes().get(c)).toArray(String[]::new);
                Dataset<Row> frame = SparkSources.of(spark, new org.gen4j.data.Table(rows, names, labels, all.description()),
                        classes == null ? null : classes.name()).repartition(spark.sparkContext().defaultParallelism());
                return new TrainedGan(SparkGan.fit(here, frame, names, classes, averaging, continued), all.description(), all.rows(), all);
            }
            SparkNetworkRows rows = SparkNetworkRows.read(SparkSources.read(spark, data), data, columns, null, limit,
                    org.gen4j.data.NetworkData.Scale.STANDARDIZE, 1.0, 0);
            org.gen4j.data.NetworkData shown = shown(rows);
            org.gen4j.gan.Gan gan = SparkGan.fit(trainerFor.apply(shown), rows.train(), rows.columns(), averaging, continued);
            return new TrainedGan(gan, rows.description(), SparkFailures.unwrapped(rows.train()::count), shown);
        } finally {
            spark.stop();
        }
    }

    private static int[] firstLabels(SparkNetworkRows rows, int most) {
        if (rows.classes() == null) {
            return null;
        }
        int at = rows.columns().size();
        return SparkFailures.unwrapped(() -> rows.train().limit(most).collectAsList()).stream()
                .mapToInt(r -> rows.classes().classOf(r.isNullAt(at) ? null : r.getString(at))).toArray();
    }

    private static org.nd4j.linalg.api.ndarray.INDArray firstRows(SparkNetworkRows rows, int most) {
        List<Row> kept = SparkFailures.unwrapped(() -> rows.train().limit(most).collectAsList());
        if (kept.isEmpty()) {
            throw new org.gen4j.core.Gen4jException(rows.description() + " has no rows");
        }
        double[][] values = new double[kept.size()][rows.columns().size()];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                values[i][j] = kept.get(i).isNullAt(j) ? Double.NaN : kept.get(i).getDouble(j);
            }
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(values);
    }
}
