package org.gen4j.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Picked rows of a matrix, copied a row at a time in Java: a minibatch of a shuffled training set. ND4J's
 * {@code pullRows} gives the same array, but through a native op whose set-up made it 5 % of a VAE training step.
 * <pre>{@code
 * INDArray batch = RowGather.rows(data, new int[]{7, 3, 11});    // rows 7, 3 and 11 of data, in that order
 * }</pre>
 * Arrays that are not contiguous row-major float32 or float64 matrices go to {@code Nd4j.pullRows}.
 */
public final class RowGather {
    private RowGather() {
    }

    /** A new row-major {@code [pick.length, columns]} array holding {@code rows}'s rows {@code pick}, in order. */
    public static INDArray rows(INDArray rows, int[] pick) {
        DataType type = rows.dataType();
        if (rows.rank() != 2 || rows.ordering() != 'c' || rows.elementWiseStride() != 1 || pick.length == 0 || rows.isView()
                || (type != DataType.FLOAT && type != DataType.DOUBLE) || rows.length() > Integer.MAX_VALUE) {
            return Nd4j.pullRows(rows, 1, pick);
        }
        int width = (int) rows.columns(), n = (int) rows.rows();
        for (int i = 0; i < pick.length; i++) {
            if (pick[i] < 0 || pick[i] >= n) {
                throw new IllegalArgumentException("row " + pick[i] + " picked (position " + i + ") of a matrix with " + n + " rows");
            }
        }
        INDArray out = Nd4j.createUninitialized(type, pick.length, width);
        var from = rows.data().asNio().order(ByteOrder.nativeOrder());
        var to = out.data().asNio().order(ByteOrder.nativeOrder());
        if (type == DataType.FLOAT) {
            FloatBuffer source = from.asFloatBuffer(), target = to.asFloatBuffer();
            for (int i = 0; i < pick.length; i++) {
                target.put(i * width, source, pick[i] * width, width);
            }
        } else {
            DoubleBuffer source = from.asDoubleBuffer(), target = to.asDoubleBuffer();
            for (int i = 0; i < pick.length; i++) {
                target.put(i * width, source, pick[i] * width, width);
            }
        }
        return out;
    }
}
