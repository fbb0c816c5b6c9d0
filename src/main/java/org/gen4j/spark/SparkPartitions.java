package org.gen4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.gen4j.em.EmStatistics;
import org.gen4j.em.PartitionStep;
import org.gen4j.em.Partitioned;

import org.gen4j.core.Gen4jException;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * One EM pass over a cached RDD of blocks: the parameters are broadcast, each partition sums its blocks' statistics
 * on its executor, and the partitions' statistics are merged in a tree on the executors, so the driver receives at
 * most {@value #FAN_IN} results however many partitions there are.
 * <p>
 * Unlike Spark's {@code treeAggregate}, which merges results in the order tasks happen to finish, every merge here
 * takes its inputs in partition order: floating-point sums do not depend on the order of arrival, so the same data
 * and seed give the same fit to the last bit, run after run.
 *
 * @param <R> a block of raw data
 */
final class SparkPartitions<R> implements Partitioned<R> {
    /** How many partitions' statistics one merge takes. */
    static final int FAN_IN = 8;
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
            return SparkFailures.unwrapped(() -> {
                JavaRDD<Tuple2<Integer, byte[]>> level = blocks.mapPartitionsWithIndex((index, partition) ->
                        indexed(index, partitionStatistics(step, parameters.value(), partition)), true);
                for (int count = blocks.getNumPartitions(); count > FAN_IN; count = (count + FAN_IN - 1) / FAN_IN) {
                    level = level.mapToPair(result -> new Tuple2<>(result._1 / FAN_IN, result))
                            .groupByKey((count + FAN_IN - 1) / FAN_IN)
                            .map(group -> new Tuple2<>(group._1, SparkPartitions.<S>mergedInOrder(group._2)));
                }
                return TrustedBytes.read(mergedInOrder(level.collect()));
            });
        } finally {
            parameters.destroy();
        }
    }

    private static Iterator<Tuple2<Integer, byte[]>> indexed(int index, Iterator<byte[]> statistics) {
        return statistics.hasNext() ? List.of(new Tuple2<>(index, statistics.next())).iterator() : Collections.emptyIterator();
    }

    /** Merges results in the order of their index, whatever order they arrived in. */
    static <S extends EmStatistics<S>> byte[] mergedInOrder(Iterable<Tuple2<Integer, byte[]>> results) {
        List<Tuple2<Integer, byte[]>> ordered = new ArrayList<>();
        results.forEach(ordered::add);
        if (ordered.isEmpty()) {
            throw new Gen4jException("the data has no rows");
        }
        ordered.sort(Comparator.comparing(Tuple2::_1));
        S merged = TrustedBytes.read(ordered.get(0)._2);
        for (int i = 1; i < ordered.size(); i++) {
            merged.merge(TrustedBytes.<S>read(ordered.get(i)._2));
        }
        return TrustedBytes.write(merged);
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

}
