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
     * @param logLikelihood the total log-likelihood of the data under the fitted model
     * @param count         rows, or steps of sequences
     */
    public record Fitted<M>(M model, String data, long count, double logLikelihood) {
    }

    /** @param master {@code local[N]}, a cluster's master URL, or {@code default} for what spark-submit set */
    public static Fitted<GaussianMixture> gmm(String master, String data, List<String> columns, GaussianMixtureTrainer trainer) {
        SparkSession spark = SparkSessions.open(master, false);
        try (SparkTable table = SparkTable.of(SparkSources.readOrSend(spark, data), columns, data)) {
            GaussianMixture fitted = trainer.fit(table);
            LogLikelihoodTotal total = table.aggregate(new LogLikelihoodTotal.OfRows(table.columns().size()), fitted);
            return new Fitted<>(fitted, table.describe(), table.rows(), total.total);
        } finally {
            spark.stop();
        }
    }

    /** @param sequenceColumn null: all rows are one sequence; @param orderColumn null: steps in the order read */
    public static Fitted<HiddenMarkovModel> hmm(String master, String data, List<String> columns, String sequenceColumn,
                                                String orderColumn, BaumWelch trainer) {
        SparkSession spark = SparkSessions.open(master, false);
        try {
            Dataset<Row> rows = SparkSources.readOrSend(spark, data);
            List<String> observed = columns != null && !columns.isEmpty() ? columns : List.of(rows.columns()).stream()
                    .filter(c -> !c.equals(sequenceColumn) && !c.equals(orderColumn)).toList();
            try (SparkSequences sequences = SparkSequences.of(rows, observed, sequenceColumn, orderColumn, data)) {
                HiddenMarkovModel fitted = trainer.fit(sequences);
                LogLikelihoodTotal total = sequences.aggregate(new LogLikelihoodTotal.OfSequences(), fitted);
                return new Fitted<>(fitted, sequences.describe(), sequences.steps(), total.total);
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
        SparkSession spark = SparkSessions.open(master, false);
        try (SparkCases cases = SparkCases.of(SparkSources.readOrSend(spark, data), structure.variables(), data)) {
            boolean complete = cases.variables().size() == structure.variables().size() && !cases.hasMissing();
            BayesianNetwork fitted = complete ? tables.fit(structure, cases) : em.fit(structure, cases).network();
            return new Fitted<>(fitted, cases.describe() + (complete ? "" : ", by expectation-maximisation"), cases.rows(), Double.NaN);
        } finally {
            spark.stop();
        }
    }

    /** A learned network with its structure and what a command reports. @param logLikelihood of the cases */
    public record Learned(BayesianNetwork network, Dag dag, String data, long rows, double logLikelihood) {
    }

    /**
     * Structure and tables from cases where Spark reads them (states as found in the columns): {@code search} is
     * given the cases' counts (hill climbing or a Chow–Liu tree over {@link CountSource#of(PartitionedCases)}), and
     * every request for counts is one pass where the cases are.
     */
    public static Learned learn(String master, String data, java.util.function.Function<CountSource, Dag> search,
                                ParameterEstimator tables, java.util.Map<String, Object> settings) {
        SparkSession spark = SparkSessions.open(master, false);
        try (SparkCases cases = SparkCases.discovered(SparkSources.readOrSend(spark, data), data)) {
            if (cases.hasMissing()) {
                throw new org.gen4j.core.Gen4jException(data + " has missing values: structure search needs complete cases");
            }
            CountSource counts = CountSource.of(cases);
            Dag dag = search.apply(counts);
            List<double[][]> familyCounts = counts.countTables(dag.families());     // one pass: tables and likelihood
            BayesianNetwork network = dag.fit(familyCounts, cases.describe(), tables, settings);
            return new Learned(network, dag, cases.describe(), cases.rows(), dag.logLikelihood(network, familyCounts));
        } finally {
            spark.stop();
        }
    }

    /**
     * A VAE trained on Spark from rows (or images) on this machine: they are sent to the session's partitions
     * (for trying Spark out; from Java, {@link SparkVae#fit} takes a Dataset read where the data is).
     */
    public static org.gen4j.vae.VariationalAutoencoder vae(String master, org.nd4j.linalg.api.ndarray.INDArray train,
                                                           org.nd4j.linalg.api.ndarray.INDArray heldOut,
                                                           org.gen4j.vae.VaeTrainer trainer, int averaging) {
        org.nd4j.linalg.api.ndarray.INDArray rows = trainer.distributed().rows(train, "training data");
        List<String> columns = java.util.stream.IntStream.range(0, (int) rows.columns()).mapToObj(j -> "x" + j).toList();
        SparkSession spark = SparkSessions.open(master, false);
        try {
            Dataset<Row> frame = SparkSources.of(spark, new org.gen4j.data.Table(rows.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE),
                    columns, null, "training data")).repartition(spark.sparkContext().defaultParallelism());
            return SparkVae.fit(trainer, frame, columns, heldOut, averaging);
        } finally {
            spark.stop();
        }
    }
}
