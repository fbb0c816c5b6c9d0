package org.gen4j.kernels;

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
public final class DirectBlas {
    private static final boolean ENABLED = !"false".equals(System.getProperty("gen4j.directBlas"))
            && org.gen4j.kernels.SimdKernels.cpuBackend();

    /** Products smaller than this run as one call: sharing a 128 × 40 × 400 product costs more than it saves. */
    private static final long MIN_SHARED_FLOPS = 4_000_000L;
    /** A shared block's least work: below it a call's set-up outweighs the block (a DCGAN's K = 16 products). */
    private static final long MIN_BLOCK_FLOPS = 2_000_000L;
    private static final int MIN_BLOCK_COLUMNS = 32;

    private DirectBlas() {
    }

    /** Whether products may take this path at all (the CPU backend, not turned off). */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * out = op(a) · op(b) with a, b and out column-major (each column contiguous, any leading dimension).
     *
     * @return false (nothing done) when the arrays do not suit: the caller takes ND4J's path
     */
    public static boolean gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray out) {
        if (!ENABLED || !sameFloatingType(a, b, out) || !columnsContiguous(a) || !columnsContiguous(b) || !columnsContiguous(out)) {
            return false;
        }
        long m = out.rows(), n = out.columns(), k = transposeA ? a.rows() : a.columns();
        if ((transposeA ? a.columns() : a.rows()) != m || (transposeB ? b.rows() : b.columns()) != n
                || (transposeB ? b.columns() : b.rows()) != k || Math.max(m, Math.max(n, k)) > Integer.MAX_VALUE || k == 0) {
            return false;                                 // ND4J's path, and its error for shapes that do not fit
        }
        int ta = transposeA ? openblas.CblasTrans : openblas.CblasNoTrans, tb = transposeB ? openblas.CblasTrans : openblas.CblasNoTrans;
        // the pins keep the three arrays alive until every block's call has returned; each address is checked to
        // reach no further than its array's own values
        try (NativeArray.Pin pa = NativeArray.of(a).pin(); NativeArray.Pin pb = NativeArray.of(b).pin(); NativeArray.Pin pc = NativeArray.of(out).pin()) {
            Product product = new Product(out.dataType() == DataType.FLOAT, ta, tb, (int) m, (int) n, (int) k,
                    pa.address(0, span(a)), lead(a), pb.address(0, span(b)), lead(b), pc.address(0, span(out)), lead(out));
            if (!ProductSharing.active()) {
                product.columns(0, product.n);                 // one call, threaded by OpenBLAS as it is set up
                return true;
            }
            int width = blockColumns(m, n, k), blocks = (int) ((n + width - 1) / width);
            SharedWork.run(blocks, block -> product.columns(block * width, Math.min(product.n, (block + 1) * width)));
            return true;
        }
    }

    /**
     * Columns of the result per shared block: at least 32 and {@link #MIN_BLOCK_FLOPS} of work, a multiple of 16;
     * the whole product below {@link #MIN_SHARED_FLOPS}. It depends on the shape only, not on the number of threads,
     * so a product's blocks, and its float rounding, are the same on any machine that shares them.
     */
    static int blockColumns(long m, long n, long k) {
        if (2 * m * n * k < MIN_SHARED_FLOPS || n < 2 * MIN_BLOCK_COLUMNS) {
            return (int) n;
        }
        long columns = Math.max(MIN_BLOCK_COLUMNS, (MIN_BLOCK_FLOPS / (2 * m * k) + 15) / 16 * 16);
        return (int) Math.min(n, columns);
    }

    /** One column-major product op(a) · op(b) → c by addresses, computed a range of c's columns at a time. */
    private record Product(boolean single, int ta, int tb, int m, int n, int k, long a, int lda, long b, int ldb, long c, int ldc) {
        void columns(int from, int to) {
            if (to <= from) {
                return;
            }
            long bytes = single ? Float.BYTES : Double.BYTES;
            long bColumn = b + (tb == openblas.CblasNoTrans ? (long) from * ldb : from) * bytes;
            long cColumn = c + (long) from * ldc * bytes;
            if (single) {
                openblas.cblas_sgemm(openblas.CblasColMajor, ta, tb, m, to - from, k, 1f, new FloatPointer(at(a)), lda,
                        new FloatPointer(at(bColumn)), ldb, 0f, new FloatPointer(at(cColumn)), ldc);
            } else {
                openblas.cblas_dgemm(openblas.CblasColMajor, ta, tb, m, to - from, k, 1.0, new DoublePointer(at(a)), lda,
                        new DoublePointer(at(bColumn)), ldb, 0.0, new DoublePointer(at(cColumn)), ldc);
            }
        }

        private static PagedPointer at(long address) {
            return new PagedPointer(address);
        }
    }

    private static boolean sameFloatingType(INDArray a, INDArray b, INDArray out) {
        DataType t = out.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && a.dataType() == t && b.dataType() == t;
    }

    /** A 2-D matrix stored column by column: unit stride down a column, a leading dimension of at least its rows. */
    private static boolean columnsContiguous(INDArray x) {
        return x.rank() == 2 && !x.isEmpty() && x.offset() == x.data().offset() && (x.rows() == 1 || x.stride(0) == 1) && lead(x) >= Math.max(1, x.rows())
                && x.stride(1) <= Integer.MAX_VALUE && NativeArray.suits(x);
    }

    private static int lead(INDArray x) {
        return (int) (x.columns() > 1 ? x.stride(1) : Math.max(1, x.rows()));
    }

    /** The values BLAS reads or writes of a column-major matrix with leading dimension {@link #lead}. */
    private static long span(INDArray x) {
        return (x.columns() - 1) * lead(x) + x.rows();
    }
}
