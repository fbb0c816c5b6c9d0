package org.gen4j.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Integer labels as one-hot rows, the one encoding every family uses (k-means responsibilities, HMM symbols,
 * Bayesian-network states, class labels of conditional networks).
 *
 * <pre>{@code
 * INDArray rows = OneHot.rows(Nd4j.createFromArray(2, 0, 1), 3, DataType.DOUBLE);   // [[0,0,1], [1,0,0], [0,1,0]]
 * }</pre>
 */
public final class OneHot {
    private OneHot() {
    }

    /** @param labels {@code [n]} integer labels in [0, k) @return {@code [n, k]} one-hot rows */
    public static INDArray rows(INDArray labels, int k, DataType dtype) {
        long n = labels.length();
        INDArray columnIndex = Nd4j.arange(k).castTo(dtype).reshape(1, k);
        INDArray tiled = Nd4j.zeros(dtype, n, k).addiRowVector(columnIndex);
        return tiled.subiColumnVector(labels.castTo(dtype).reshape(n, 1)).eq(0).castTo(dtype);
    }
}
