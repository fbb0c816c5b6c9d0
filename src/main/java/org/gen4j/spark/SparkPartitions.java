package org.gen4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.gen4j.em.EmStatistics;
import org.gen4j.em.PartitionStep;
import org.gen4j.em.Partitioned;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * One EM pass over a cached RDD of blocks: the parameters are broadcast, each partition sums its blocks' statistics
 * on its executor, and the partitions' statistics are merged pairwise in a tree ({@code treeReduce}, Spark's
 * {@code treeAggregate}), so the driver receives one merged result however many partitions there are.
 *
 * @param <R> a block of raw data
 */
final class SparkPartitions<R> implements Partitioned<R> {
    private static final int TREE_DEPTH = 2;
    private final JavaRDD<R> blocks;

    SparkPartitions(JavaRDD<R> blocks) {
        this.blocks = blocks;
    }

    JavaRDD<R> blocks() {
        return blocks;
    }

    @Override
    public <P, S extends EmStatistics<S>> S aggregate(PartitionStep<P, R, S> step, P current) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(blocks.context());
        Broadcast<byte[]> parameters = context.broadcast(TrustedBytes.write(current));
        try {
            byte[] merged = SparkFailures.unwrapped(() -> blocks.mapPartitions(partition -> partitionStatistics(step, parameters.value(), partition))
                    .treeReduce(SparkPartitions::<S>merge, TREE_DEPTH));
            return TrustedBytes.read(merged);
        } finally {
            parameters.destroy();
        }
    }

    private static <P, R, S extends EmStatistics<S>> Iterator<byte[]> partitionStatistics(
            PartitionStep<P, R, S> step, byte[] parameterBytes, Iterator<R> partition) {
        if (!partition.hasNext()) {
            return Collections.emptyIterator();
        }
        P current = TrustedBytes.read(parameterBytes);
        S statistics = step.empty(current);
        while (partition.hasNext()) {
            step.add(current, partition.next(), statistics);
        }
        return List.of(TrustedBytes.write(statistics)).iterator();
    }

    private static <S extends EmStatistics<S>> byte[] merge(byte[] left, byte[] right) {
        S merged = TrustedBytes.read(left);
        merged.merge(TrustedBytes.<S>read(right));
        return TrustedBytes.write(merged);
    }
}
