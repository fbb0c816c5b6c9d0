package org.gen4j.distributions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A block of data laid out for EM's matrix products: shifted by a fixed point (so that moment expansions do not
 * lose precision far from the origin), stored column-major as BLAS wants it, as one feature matrix
 * {@code [second-order features | x | 1]}. The second-order features are what the covariance type needs, computed
 * once: element-wise squares ({@code d} columns) for diagonal and spherical covariances, packed outer products
 * ({@code d(d+1)/2} columns) for full and tied ones. One product with this matrix gives a whole E-step's
 * log-densities (the column of ones carries each component's constant), and one product of the responsibilities
 * with it gives all of the M-step's sums (the ones give the effective counts).
 *
 * <p>Why column-major: ND4J 1.0.0-M2.1 copies row-major GEMM operands into column-major order first, which costs
 * more than the product itself for tall matrices. Products with these blocks go through {@link #project} and
 * {@link #weightedSums}, whose results are row-major, the layout ND4J's element-wise kernels are fast on.
 */
public final class PreparedData {
    private final INDArray features;      // [n, m + d + 1] = [second-order | shifted | 1], 'f'
    private final int secondOrderColumns; // m
    private final CovarianceType type;
    private final INDArray original;      // [n, d] as given, for picking rows
    private final INDArray shift;         // [1, d]

    private PreparedData(INDArray original, INDArray shift, INDArray features, int secondOrderColumns, CovarianceType type) {
        this.type = type;
        this.original = original;
        this.shift = shift;
        this.features = features;
        this.secondOrderColumns = secondOrderColumns;
    }

    /**
     * @param x     {@code [n, d]}
     * @param shift {@code [1, d]} the point moments are taken around
     */
    public static PreparedData of(INDArray x, INDArray shift, CovarianceType type) {
        INDArray rowShift = shift.castTo(x.dataType()).reshape(1, x.columns());
        int d = (int) x.columns();
        boolean outer = type == CovarianceType.FULL || type == CovarianceType.TIED;
        int m = outer ? PackedSymmetric.size(d) : d;
        INDArray features = Nd4j.createUninitialized(x.dataType(), new long[]{x.rows(), m + d + 1}, 'f');
        INDArray shifted = columns(features, m, m + d);
        shifted.assign(x);
        columns(features, m + d, m + d + 1).assign(1.0);
        shifted.subiRowVector(rowShift);
        if (outer) {
            // columns (i, i..d-1) = x_i * x_(i..d-1), written in place: no temporaries
            int column = 0;
            for (int i = 0; i < d; i++) {
                Nd4j.getExecutioner().exec(new BroadcastMulOp(columns(shifted, i, d), shifted.getColumn(i),
                        columns(features, column, column + d - i), 0));
                column += d - i;
            }
        } else {
            Nd4j.getExecutioner().exec(new MulOp(shifted, shifted, columns(features, 0, d)));
        }
        return new PreparedData(x, rowShift, features, m, type);
    }

    private static INDArray columns(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    /** The same data prepared around another shift point. */
    public PreparedData reshifted(INDArray newShift) {
        return of(original, newShift, type);
    }

    /** The covariance type whose second-order features this holds. */
    public CovarianceType covarianceType() {
        return type;
    }

    /** @return {@code [1, d]} the point the data was shifted by */
    public INDArray shift() {
        return shift;
    }

    public long rows() {
        return features.rows();
    }

    /** @return {@code [n, m + d + 1]}: the second-order features, the shifted data, then a column of ones */
    public INDArray features() {
        return features;
    }

    /** m, the number of second-order feature columns */
    public int secondOrderColumns() {
        return secondOrderColumns;
    }

    /** @return {@code [n]} squared distance of each row from the shift point */
    public INDArray squaredNorms() {
        INDArray shifted = columns(features, secondOrderColumns, (int) features.columns() - 1);
        return shifted.mul(shifted).sum(1);
    }

    public INDArray originalRow(int i) {
        return original.getRow(i, true);
    }

    /** data [n, m] times weights [m, k], as a column-major {@code [n, k]}. */
    public static INDArray project(INDArray columnMajorData, INDArray weights) {
        // column-major [n, k] output: the n rows are BLAS's long dimension (1.4x faster here than a [k, n] product)
        INDArray out = Nd4j.createUninitialized(columnMajorData.dataType(), new long[]{columnMajorData.rows(), weights.columns()}, 'f');
        Nd4j.gemm(columnMajorData, weights.dup('f'), out, false, false, 1.0, 0.0);
        return out;
    }

    /** Row-major data [n, m] times weights [m, k], as a row-major {@code [n, k]}, without copying the data. */
    public static INDArray projectRows(INDArray rowMajorData, INDArray weights) {
        INDArray out = Nd4j.createUninitialized(rowMajorData.dataType(), new long[]{weights.columns(), rowMajorData.rows()}, 'f');
        // the transpose of row-major data is a column-major view: BLAS reads it in place
        Nd4j.gemm(weights, rowMajorData.transpose(), out, true, false, 1.0, 0.0);
        return out.transpose();
    }

    /** respᵀ data: for each component the responsibility-weighted column sums. @return {@code [k, m]} */
    public static INDArray weightedSums(INDArray resp, INDArray columnMajorData) {
        // computed as (dataᵀ resp)ᵀ: both operands are then column-major as BLAS reads them, where respᵀ would be a
        // row-major view that ND4J copies first (this product took twice the E-step's time that way)
        INDArray columnMajorResp = resp.ordering() == 'f' ? resp : resp.dup('f');
        INDArray out = Nd4j.createUninitialized(columnMajorData.dataType(), new long[]{columnMajorData.columns(), resp.columns()}, 'f');
        Nd4j.gemm(columnMajorData, columnMajorResp, out, true, false, 1.0, 0.0);
        return out.transpose();
    }
}
