package org.gen4j.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Picked rows of a matrix, copied a row at a time in Java: a minibatch of a shuffled training set. ND4J's
 * {@code pullRows} gives the same array, but through a native op whose set-up made it 5 % of a VAE training step.
 * <pre>{@code
 * INDArray batch = RowGather.rows(data, new int[]{7, 3, 11});    // rows 7, 3 and 11 of data, in that order
 * }</pre>
 * Matrices whose rows are not contiguous float32 or float64 runs (a column slice, column-major) go to
 * {@code Nd4j.pullRows}.
 */
public final class RowGather {
    private RowGather() {
    }

    /** A new row-major {@code [pick.length, columns]} array holding {@code rows}'s rows {@code pick}, in order. */
    public static INDArray rows(INDArray rows, int[] pick) {
        return rows(rows, pick, null);
    }

    /**
     * {@link #rows(INDArray, int[])} written into {@code into} when it is a row-major array of that shape and type
     * (a training loop's batch buffer, reused from step to step: a fresh 400 KB array page-faults its way in, 5 % of a
     * VAE step), else into a new array; returns the array written.
     */
    public static INDArray rows(INDArray rows, int[] pick, INDArray into) {
        DataType type = rows.dataType();
        if (rows.rank() != 2 || rows.ordering() != 'c' || rows.stride(1) != 1 || rows.stride(0) != rows.columns() || pick.length == 0
                || !NativeArray.suits(rows)) {
            return Nd4j.pullRows(rows, 1, pick);
        }
        int width = (int) rows.columns(), n = (int) rows.rows();
        for (int i = 0; i < pick.length; i++) {
            if (pick[i] < 0 || pick[i] >= n) {
                throw new IllegalArgumentException("row " + pick[i] + " picked (position " + i + ") of a matrix with " + n + " rows");
            }
        }
        INDArray out = suits(into, type, pick.length, width) ? into : Nd4j.createUninitialized(type, pick.length, width);
        NativeArray source = NativeArray.of(rows), target = NativeArray.of(out);
        for (int i = 0; i < pick.length; i++) {
            source.copyTo(pick[i] * width, target, i * width, width);
        }
        return out;
    }

    private static boolean suits(INDArray into, DataType type, int rows, int width) {
        return into != null && into.dataType() == type && into.rank() == 2 && into.rows() == rows && into.columns() == width
                && into.ordering() == 'c' && !into.isView() && into.offset() == 0 && into.data().length() == (long) rows * width;
    }
}
