package org.gen4j.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.pointers.PagedPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Column-major products straight through OpenBLAS's {@code cblas_sgemm} / {@code cblas_dgemm} (the library ND4J's
 * CPU backend loads), without libnd4j's matmul op around them: its op context and shape checks made a VAE layer's
 * 128 × 784 × 400 product 0.58 ms against 0.49 ms for the same call direct, and 0.076 against 0.036 ms for the
 * 128 × 400 × 40 one. Only for the CPU backend, float32 or float64, and operands whose columns are contiguous;
 * {@code -Dgen4j.directBlas=false} turns it off.
 */
final class DirectBlas {
    private static final boolean ENABLED = !"false".equals(System.getProperty("gen4j.directBlas"))
            && org.gen4j.distributions.SimdKernels.cpuBackend();

    private DirectBlas() {
    }

    /**
     * out = op(a) · op(b) with a, b and out column-major (each column contiguous, any leading dimension).
     *
     * @return false (nothing done) when the arrays do not suit: the caller takes ND4J's path
     */
    static boolean gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray out) {
        if (!ENABLED || !sameFloatingType(a, b, out) || !columnsContiguous(a) || !columnsContiguous(b) || !columnsContiguous(out)) {
            return false;
        }
        long m = out.rows(), n = out.columns(), k = transposeA ? a.rows() : a.columns();
        if ((transposeA ? a.columns() : a.rows()) != m || (transposeB ? b.rows() : b.columns()) != n
                || (transposeB ? b.columns() : b.rows()) != k || Math.max(m, Math.max(n, k)) > Integer.MAX_VALUE || k == 0) {
            return false;                                 // ND4J's path, and its error for shapes that do not fit
        }
        int ta = transposeA ? openblas.CblasTrans : openblas.CblasNoTrans, tb = transposeB ? openblas.CblasTrans : openblas.CblasNoTrans;
        if (out.dataType() == DataType.FLOAT) {
            openblas.cblas_sgemm(openblas.CblasColMajor, ta, tb, (int) m, (int) n, (int) k, 1f, new FloatPointer(address(a)), lead(a),
                    new FloatPointer(address(b)), lead(b), 0f, new FloatPointer(address(out)), lead(out));
        } else {
            openblas.cblas_dgemm(openblas.CblasColMajor, ta, tb, (int) m, (int) n, (int) k, 1.0, new DoublePointer(address(a)), lead(a),
                    new DoublePointer(address(b)), lead(b), 0.0, new DoublePointer(address(out)), lead(out));
        }
        return true;
    }

    private static boolean sameFloatingType(INDArray a, INDArray b, INDArray out) {
        DataType t = out.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && a.dataType() == t && b.dataType() == t;
    }

    /** A 2-D matrix stored column by column: unit stride down a column, a leading dimension of at least its rows. */
    private static boolean columnsContiguous(INDArray x) {
        return x.rank() == 2 && !x.isEmpty() && x.offset() == x.data().offset() && (x.rows() == 1 || x.stride(0) == 1) && lead(x) >= Math.max(1, x.rows())
                && x.stride(1) <= Integer.MAX_VALUE;
    }

    private static int lead(INDArray x) {
        return (int) (x.columns() > 1 ? x.stride(1) : Math.max(1, x.rows()));
    }

    /**
     * Where the array's first element lies in memory. A view's buffer is a view too, and its address pointer already
     * includes the view's offset (checked in DirectBlasTest: {@code asNio()}, by contrast, starts at the original).
     */
    private static PagedPointer address(INDArray x) {
        return new PagedPointer(x.data().addressPointer().address());
    }
}
