package org.gen4j.em;

/**
 * Data split into partitions that live elsewhere, such as the executors of a Spark cluster. One EM pass runs where
 * the data is, partition by partition; only each partition's statistics travel back, merged with
 * {@link EmStatistics#merge}. The parameters travel out once per pass.
 *
 * <pre>{@code
 * S statistics = partitions.aggregate(PartitionStep.of(model, reader), current);
 * }</pre>
 *
 * @param <R> one block of raw data in a partition (e.g. rows as a {@code double[]})
 */
public interface Partitioned<R> {

    /** The statistics of one pass under {@code current}: every block of every partition through {@code step}, merged. */
    <P, S extends EmStatistics<S>> S aggregate(PartitionStep<P, R, S> step, P current);
}
