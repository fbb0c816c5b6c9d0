package org.gen4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gen4j.core.DensityModel;
import org.gen4j.core.Gen4jException;
import org.gen4j.em.PartitionedTable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * A recipe's table on Spark, split into training and held-out rows ({@code randomSplit}, so the same seed and data
 * give the same split), each scored where its rows are. It owns its Spark session: closing it stops the session.
 * Its signatures name no Spark type, so a caller loads Spark only when it uses one.
 * <pre>{@code
 * try (SparkTableSplit split = SparkTableSplit.open("local[2]", "hdfs:///x.csv", List.of(), 0.8, 0)) {
 *     GaussianMixture gmm = trainer.fit(split.train());
 *     double heldOut = split.meanLogProb(gmm, true);
 * }
 * }</pre>
 */
public final class SparkTableSplit implements AutoCloseable {
    private final SparkSession spark;
    private final SparkTable train;
    private final SparkTable heldOut;

    private SparkTableSplit(SparkSession spark, SparkTable train, SparkTable heldOut) {
        this.spark = spark;
        this.train = train;
        this.heldOut = heldOut;
    }

    /**
     * @param master        {@code local[N]}, a cluster's master URL, or {@code default} for spark-submit's
     * @param data          a CSV or Parquet URI (see {@link SparkSources}) or a bundled data set's name
     * @param columns       the numeric columns to use; empty for all of them
     * @param trainFraction the share of rows to train on, in (0, 1)
     */
    public static SparkTableSplit open(String master, String data, List<String> columns, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new Gen4jException("the training fraction must be between 0 and 1 (exclusive) on Spark, got " + trainFraction);
        }
        SparkSession spark = SparkSessions.open(master, false);
        try {
            Dataset<Row> rows = SparkSources.readOrSend(spark, data);
            Dataset<Row>[] parts = rows.randomSplit(new double[]{trainFraction, 1 - trainFraction}, seed);
            SparkTable train = SparkTable.of(parts[0], columns, data + " (train)");
            SparkTable heldOut = SparkTable.of(parts[1], train.columns(), data + " (held out)");
            return new SparkTableSplit(spark, train, heldOut);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
    }

    public PartitionedTable train() {
        return train;
    }

    public long heldOutRows() {
        return heldOut.rows();
    }

    /** The mean log-likelihood per row of the training or the held-out rows, summed where they are. */
    public double meanLogProb(DensityModel<INDArray> model, boolean ofHeldOut) {
        SparkTable rows = ofHeldOut ? heldOut : train;
        return total(model, rows) / rows.rows();
    }

    /** BIC on the training rows, from a log-likelihood total computed where they are. */
    public double trainBic(DensityModel<INDArray> model, long parameterCount) {
        return -2 * total(model, train) + parameterCount * Math.log(train.rows());
    }

    private static double total(DensityModel<INDArray> model, SparkTable rows) {
        return rows.aggregate(new LogLikelihoodTotal.OfRows(rows.columns().size()), model).total;
    }

    @Override
    public void close() {
        try {
            train.close();
            heldOut.close();
        } finally {
            spark.stop();
        }
    }
}
