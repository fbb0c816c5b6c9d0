package org.gen4j.spark;

import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/** A partition's rows cut into blocks of {@link #BLOCK_ROWS} rows, row-major: the unit an E-step reads on an executor. */
final class RowBlocks {
    /** Rows per block: large enough for the SIMD kernels, small enough to keep executor memory flat. */
    static final int BLOCK_ROWS = 4096;

    private RowBlocks() {
    }

    /** Writes one row's {@code width} values at {@code at} in a block. */
    @FunctionalInterface
    interface RowReader extends Serializable {
        void read(Row row, double[] block, int at);
    }

    static Iterator<double[]> of(Iterator<Row> partition, int width, RowReader reader) {
        List<double[]> out = new ArrayList<>();
        double[] block = new double[BLOCK_ROWS * width];
        int filled = 0;
        while (partition.hasNext()) {
            reader.read(partition.next(), block, filled * width);
            if (++filled == BLOCK_ROWS) {
                out.add(block);
                block = new double[BLOCK_ROWS * width];
                filled = 0;
            }
        }
        if (filled > 0) {
            out.add(Arrays.copyOf(block, filled * width));
        }
        return out.iterator();
    }

    /**
     * The rows of a partition's blocks kept each with probability {@code fraction} (all when it is 1), row-major in
     * one array; the generator is seeded from {@code seed} and the partition's index.
     */
    static Iterator<double[]> sampled(Iterator<double[]> blocks, int width, double fraction, long seed, int partition) {
        SplittableRandom random = new SplittableRandom(seed).split();
        for (int i = 0; i < partition; i++) {
            random = random.split();
        }
        double[] kept = new double[0];
        int filled = 0;
        while (blocks.hasNext()) {
            double[] block = blocks.next();
            for (int at = 0; at < block.length; at += width) {
                if (fraction >= 1.0 || random.nextDouble() < fraction) {
                    if (filled + width > kept.length) {
                        kept = Arrays.copyOf(kept, Math.max(2 * kept.length, filled + width));
                    }
                    System.arraycopy(block, at, kept, filled, width);
                    filled += width;
                }
            }
        }
        return List.of(Arrays.copyOf(kept, filled)).iterator();
    }

    /** Which {@code keep} of {@code total} items to keep, each subset equally likely (Floyd's algorithm). */
    static boolean[] uniformSubset(int total, int keep, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] kept = new boolean[total];
        for (int j = total - keep; j < total; j++) {
            int t = random.nextInt(j + 1);
            kept[kept[t] ? j : t] = true;
        }
        return kept;
    }
}
