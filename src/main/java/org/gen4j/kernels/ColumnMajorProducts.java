package org.gen4j.kernels;

import org.gen4j.kernels.DirectBlas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products with no operand copied. ND4J 1.0.0-M2.1 copies row-major GEMM operands into column-major ones
 * first; but a row-major matrix is the column-major matrix of its transpose, so BLAS can read it in place with the
 * transpose flag flipped (conv2's three products: 6.7 ms with copies, 3.9 ms without, equal results).
 */
public final class ColumnMajorProducts {
    private ColumnMajorProducts() {
    }

    /** out = op(a) · op(b), op(x) = xᵀ when its flag is set; {@code out} column-major. */
    public static void into(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray out) {
        boolean aRowMajor = a.ordering() == 'c', bRowMajor = b.ordering() == 'c';
        INDArray left = aRowMajor ? a.transpose() : a, right = bRowMajor ? b.transpose() : b;
        if (!DirectBlas.gemm(left, transposeA != aRowMajor, right, transposeB != bRowMajor, out)) {
            Nd4j.gemm(left, right, out, transposeA != aRowMajor, transposeB != bRowMajor, 1.0, 0.0);
        }
    }
}
