package org.gen4j.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** A partition's rows for one epoch of network training: shuffled by the seed, the epoch and the partition, then cut. */
final class EpochBatches {
    private EpochBatches() {
    }

    /** The partition's rows in this epoch's order, cut into batches of {@code batchSize} (the last may be shorter). */
    static List<double[][]> of(Iterator<double[]> rows, long seed, int epoch, int partition, int batchSize) {
        List<double[]> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        Collections.shuffle(all, new Random(seed ^ ((long) epoch << 32) ^ partition));
        List<double[][]> batches = new ArrayList<>();
        for (int start = 0; start < all.size(); start += batchSize) {
            batches.add(all.subList(start, Math.min(all.size(), start + batchSize)).toArray(double[][]::new));
        }
        return batches;
    }
}
