package org.gen4j.gmm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A block of data laid out for EM's matrix products: shifted by a fixed point (so that moment expansions do not
 * lose precision far from the origin), stored column-major as BLAS wants it, with the second-order features the
 * covariance type needs computed once: element-wise squares {@code [n, d]} for diagonal and spherical
 * covariances, packed outer products {@code [n, d(d+1)/2]} for full and tied ones.
 *
 * <p>Why column-major: ND4J 1.0.0-M2.1 copies row-major GEMM operands into column-major order first, which costs
 * more than the product itself for tall matrices. Products with these blocks go through {@link #project} and
 * {@link #weightedSums}, whose results are row-major, the layout ND4J's element-wise kernels are fast on.
 */
final class PreparedData {
    private final INDArray shifted;       // [n, d], 'f'
    private final INDArray secondOrder;   // [n, d] squares or [n, p] packed outer products, 'f'
    private final INDArray original;      // [n, d] as given, for picking rows
    private final INDArray shift;         // [1, d]

    private PreparedData(INDArray original, INDArray shift, INDArray shifted, INDArray secondOrder) {
        this.original = original;
        this.shift = shift;
        this.shifted = shifted;
        this.secondOrder = secondOrder;
    }

    /**
     * @param x     {@code [n, d]}
     * @param shift {@code [1, d]} the point moments are taken around
     */
    static PreparedData of(INDArray x, INDArray shift, CovarianceType type) {
        INDArray rowShift = shift.castTo(x.dataType()).reshape(1, x.columns());
        INDArray shifted = x.subRowVector(rowShift).dup('f');
        boolean outer = type == CovarianceType.FULL || type == CovarianceType.TIED;
        INDArray second = outer ? packedOuterProducts(shifted) : shifted.mul(shifted).dup('f');
        return new PreparedData(x, rowShift, shifted, second);
    }

    /** @return {@code [1, d]} the point the data was shifted by */
    INDArray shift() {
        return shift;
    }

    /** Rows of x_i x_iᵀ, upper triangle row by row: column (i, j), i ≤ j, holds x_i·x_j. @return {@code [n, p]} 'f' */
    static INDArray packedOuterProducts(INDArray shifted) {
        long n = shifted.rows();
        int d = (int) shifted.columns();
        INDArray packed = Nd4j.createUninitialized(shifted.dataType(), new long[]{n, (long) d * (d + 1) / 2}, 'f');
        int column = 0;
        for (int i = 0; i < d; i++) {
            INDArray block = shifted.get(NDArrayIndex.all(), NDArrayIndex.interval(i, d));
            packed.get(NDArrayIndex.all(), NDArrayIndex.interval(column, column + d - i))
                    .assign(block.mulColumnVector(shifted.getColumn(i, true)));
            column += d - i;
        }
        return packed;
    }

    long rows() {
        return shifted.rows();
    }

    int dimensions() {
        return (int) shifted.columns();
    }

    INDArray shifted() {
        return shifted;
    }

    INDArray secondOrder() {
        return secondOrder;
    }

    /** @return {@code [n]} squared distance of each row from the shift point */
    INDArray secondOrderNorms() {
        return shifted.mul(shifted).sum(1);
    }

    INDArray originalRow(int i) {
        return original.getRow(i, true);
    }

    /** data [n, m] times weights [m, k], as a row-major {@code [n, k]}. */
    static INDArray project(INDArray columnMajorData, INDArray weights) {
        INDArray out = Nd4j.createUninitialized(columnMajorData.dataType(), new long[]{weights.columns(), columnMajorData.rows()}, 'f');
        Nd4j.gemm(weights, columnMajorData, out, true, true, 1.0, 0.0);
        return out.transpose();
    }

    /** respᵀ data: for each component the responsibility-weighted column sums. @return {@code [k, m]} */
    static INDArray weightedSums(INDArray resp, INDArray columnMajorData) {
        INDArray out = Nd4j.createUninitialized(columnMajorData.dataType(), new long[]{resp.columns(), columnMajorData.columns()}, 'f');
        Nd4j.gemm(resp.transpose(), columnMajorData, out, false, false, 1.0, 0.0);
        return out;
    }
}
