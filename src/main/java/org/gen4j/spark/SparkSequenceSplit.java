package org.gen4j.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.gen4j.core.DensityModel;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.SequenceBatch;
import org.gen4j.em.PartitionedSequences;

import java.util.List;

/**
 * A recipe's sequences on Spark, split whole into training and held-out ones by a seeded hash of their id (the
 * same seed and data give the same split, without a shuffle), each scored where it is. It owns its Spark session:
 * closing it stops the session. Its signatures name no Spark type.
 * <pre>{@code
 * try (SparkSequenceSplit split = SparkSequenceSplit.open("local[2]", "parquet:hdfs:///ticks", List.of("ret"), "day", "minute", 0.8, 0)) {
 *     HiddenMarkovModel hmm = BaumWelch.builder().states(3).build().fit(split.train());
 *     double perStep = split.logProbPerStep(hmm, true);
 * }
 * }</pre>
 */
public final class SparkSequenceSplit implements AutoCloseable {
    private static final int BUCKETS = 1_000_000;
    private final SparkSession spark;
    private final SparkSequences train;
    private final SparkSequences heldOut;

    private SparkSequenceSplit(SparkSession spark, SparkSequences train, SparkSequences heldOut) {
        this.spark = spark;
        this.train = train;
        this.heldOut = heldOut;
    }

    /**
     * @param columns        the observed columns; empty for every column but the id and order columns
     * @param sequenceColumn the column naming each row's sequence (required: sequences are what is split)
     * @param orderColumn    the column ordering the steps of a sequence, or null for the order rows are read in
     */
    public static SparkSequenceSplit open(String master, String data, List<String> columns, String sequenceColumn,
                                          String orderColumn, double trainFraction, long seed) {
        if (sequenceColumn == null || sequenceColumn.isEmpty()) {
            throw new Gen4jException("on Spark, hidden Markov model data needs a sequence column (data.sequenceColumn):"
                    + " whole sequences are what is split into training and held-out data");
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new Gen4jException("the training fraction must be between 0 and 1 (exclusive) on Spark, got " + trainFraction);
        }
        SparkSession spark = SparkSessions.open(master, false);
        try {
            Dataset<Row> rows = SparkSources.readOrSend(spark, data);
            SparkSequences.column(rows, sequenceColumn, data);
            List<String> observed = columns != null && !columns.isEmpty() ? columns : List.of(rows.columns()).stream()
                    .filter(c -> !c.equals(sequenceColumn) && !c.equals(orderColumn)).toList();
            Column bucket = functions.pmod(functions.hash(functions.col(SparkColumns.quoted(sequenceColumn)).cast("string"),
                    functions.lit(seed)), functions.lit(BUCKETS));
            long cut = Math.round(trainFraction * BUCKETS);
            SparkSequences train = SparkSequences.of(rows.filter(bucket.lt(cut)), observed, sequenceColumn, orderColumn, data + " (train)");
            SparkSequences heldOut = SparkSequences.of(rows.filter(bucket.geq(cut)), observed, sequenceColumn, orderColumn,
                    data + " (held out)");
            return new SparkSequenceSplit(spark, train, heldOut);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
    }

    public PartitionedSequences train() {
        return train;
    }

    /** Held-out sequences and their steps, for the report. */
    public String heldOutSize() {
        return heldOut.sequences() + " sequences, " + heldOut.steps() + " steps";
    }

    /** The log-likelihood per step of the training or the held-out sequences, summed where they are. */
    public double logProbPerStep(DensityModel<SequenceBatch> model, boolean ofHeldOut) {
        SparkSequences sequences = ofHeldOut ? heldOut : train;
        return total(model, sequences) / sequences.steps();
    }

    /** BIC on the training sequences, from a log-likelihood total computed where they are. */
    public double trainBic(DensityModel<SequenceBatch> model, long parameterCount) {
        return -2 * total(model, train) + parameterCount * Math.log(train.steps());
    }

    private static double total(DensityModel<SequenceBatch> model, SparkSequences sequences) {
        return sequences.aggregate(new LogLikelihoodTotal.OfSequences(), model).total;
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
