package org.gen4j.spark;

import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

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
}
