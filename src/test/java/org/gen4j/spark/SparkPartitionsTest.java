package org.gen4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.gen4j.em.EmStatistics;
import org.gen4j.em.PartitionStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Partitions' statistics merge in partition order, whatever order their tasks finish in: a merge that is not
 * commutative (appending) shows the order, over enough partitions for two levels of the merge tree.
 */
class SparkPartitionsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.open("local[2]", false);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The blocks seen, in the order their partitions were merged. */
    static final class Seen implements EmStatistics<Seen>, Serializable {
        final List<Integer> blocks = new ArrayList<>();

        @Override
        public double objective() {
            return blocks.size();
        }

        @Override
        public void merge(Seen other) {
            blocks.addAll(other.blocks);
        }
    }

    record Recording() implements PartitionStep<String, Integer, Seen> {
        @Override
        public Seen empty(String current) {
            return new Seen();
        }

        @Override
        public void add(String current, Integer block, Seen into) {
            into.blocks.add(block);
        }
    }

    @Test
    void partitionsMergeInTheirOrderAcrossTwoLevelsOfTheTree() {
        int partitions = SparkPartitions.FAN_IN * SparkPartitions.FAN_IN + 3;
        List<Integer> blocks = IntStream.range(0, 3 * partitions).boxed().toList();
        JavaRDD<Integer> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(blocks, partitions);
        for (int run = 0; run < 3; run++) {
            Seen seen = new SparkPartitions<>(rdd).aggregate(new Recording(), "parameters");
            assertEquals(blocks, seen.blocks);
        }
    }

    @Test
    void emptyPartitionsAreSkipped() {
        JavaRDD<Integer> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1, 2), 11);
        assertEquals(List.of(1, 2), new SparkPartitions<>(rdd).aggregate(new Recording(), "parameters").blocks);
    }
}
