package org.gen4j.stats;

import org.gen4j.core.Gen4jException;
import org.gen4j.kernels.PackedSymmetric;
import org.gen4j.kernels.SimdKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * k Gaussian densities sharing one covariance type: the emission model of a mixture component or of an HMM state.
 *
 * @param means             {@code [k, d]}
 * @param covariances       in the shape of {@code type} (see {@link CovarianceType})
 * @param precisionCholesky same shape as {@code covariances}
 */
public record GaussianComponents(CovarianceType type, INDArray means, INDArray covariances, INDArray precisionCholesky)
        implements java.io.Serializable {

    /** Derives the precision factors; a covariance that is not positive definite is an error naming it. */
    public static GaussianComponents fromCovariances(CovarianceType type, INDArray means, INDArray covariances) {
        if (means.rank() != 2) {
            throw new Gen4jException("means must have shape [k, d], got " + Arrays.toString(means.shape()));
        }
        type.structure().checkShape(covariances, (int) means.rows(), (int) means.columns(), "covariances");
        return new GaussianComponents(type, means, covariances, type.structure().precisionCholesky(covariances));
    }

    public int count() {
        return (int) means.rows();
    }

    public int dimensions() {
        return (int) means.columns();
    }

    /**
     * log N(x_i | μ_j, Σ_j) + offsets_j for every sample and component.
     *
     * @param offsets {@code [k]}, e.g. log mixing weights; zeros for the plain densities
     * @return {@code [n, k]}
     */
    public INDArray logDensity(PreparedData data, double[] offsets) {
        return data.project(logDensityWeights(data, offsets));
    }

    /**
     * The weights W with {@link #logDensity(PreparedData, double[])} = q(X) W, for a fused EM pass
     * ({@link PreparedData#expectationTotals}).
     *
     * @return {@code [m + d + 1, k]}
     */
    public INDArray logDensityWeights(PreparedData data, double[] offsets) {
        INDArray shiftedMeans = means.subRowVector(data.shift());
        return type.structure().logGaussianWeights(shiftedMeans, precisionCholesky, offsets);
    }

    /**
     * log N for raw data, for a one-off call. With full or tied covariances and few components, projecting the data
     * on each precision factor (k·d values per row) is cheaper than building the d(d+1)/2 second-order features
     * that pay off only when reused across EM iterations.
     *
     * @param x {@code [n, d]} @return {@code [n, k]}
     */
    public INDArray logDensity(INDArray x) {
        INDArray data = x.dataType() == means.dataType() ? x : x.castTo(means.dataType());
        int d = dimensions();
        boolean outer = type == CovarianceType.FULL || type == CovarianceType.TIED;
        // (the SIMD kernels form the second-order features in registers, so they win here too)
        if (outer && (long) count() * d < PackedSymmetric.size(d) + d
                && !(data.dataType() == DataType.DOUBLE && SimdKernels.fitsColumnMajorDoubles(data.rows(), d + 1))) {
            return projectedLogDensity(data);
        }
        return logDensity(PreparedData.of(data, means.mean(true, 0), type), new double[count()]);
    }

    /**
     * Σ over each component's block of ((x − μ_k) P_k)², from one product with the factors side by side. Both
     * products write column-major results with the n rows as their long leading dimension: BLAS runs 2-3× faster on
     * that layout here than on row-major output (the row-major data is read in place as a transposed operand).
     */
    private INDArray projectedLogDensity(INDArray x) {
        int k = count();
        int d = dimensions();
        double[][][] factors = type == CovarianceType.TIED
                ? repeated(precisionCholesky.toDoubleMatrix(), k) : CholeskyFactors.matrices(precisionCholesky);
        double[][] meanRows = means.toDoubleMatrix();
        double[][] sideBySide = new double[d][k * d];     // [P_1 .. P_k]
        double[] projectedMeans = new double[k * d];      // [μ_1 P_1 .. μ_k P_k]
        double[] offsets = new double[k];
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    sideBySide[r][j * d + c] = factors[j][r][c];
                    projectedMeans[j * d + c] += meanRows[j][r] * factors[j][r][c];
                }
                offsets[j] += Math.log(factors[j][r][r]);
            }
            offsets[j] -= 0.5 * d * CholeskyFactors.LOG_2PI;
        }
        double[][] blocks = new double[k * d][k];         // sums each component's d columns
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                blocks[j * d + c][j] = 1;
            }
        }
        DataType dtype = means.dataType();
        long n = x.rows();
        INDArray rows = x.ordering() == 'c' && x.elementWiseStride() == 1 && !x.isView() ? x : x.dup('c');
        INDArray projected = Nd4j.createUninitialized(dtype, new long[]{n, (long) k * d}, 'f');
        Nd4j.gemm(rows.transpose(), columnMajor(sideBySide, dtype), projected, true, false, 1.0, 0.0);
        projected.subiRowVector(Nd4j.createFromArray(projectedMeans).castTo(dtype).reshape(1, (long) k * d));
        INDArray squared = Nd4j.createUninitialized(dtype, new long[]{n, k}, 'f');
        Nd4j.gemm(projected.muli(projected), columnMajor(blocks, dtype), squared, false, false, -0.5, 0.0);
        return squared.addiRowVector(Nd4j.createFromArray(offsets).castTo(dtype).reshape(1, k));
    }

    private static INDArray columnMajor(double[][] matrix, DataType dtype) {
        return Nd4j.createFromArray(matrix).castTo(dtype).dup('f');
    }

    private static double[][][] repeated(double[][] matrix, int times) {
        double[][][] out = new double[times][][];
        java.util.Arrays.fill(out, matrix);
        return out;
    }

    /** @return the inverse covariances, in the shape of the covariances */
    public INDArray precisions() {
        return type.structure().precisions(precisionCholesky);
    }

    /** A factor A with Σ_j = A Aᵀ, {@code [d, d]}, for drawing samples of component j. */
    public INDArray samplingFactor(int j) {
        return type.structure().samplingFactor(covariances, j, dimensions());
    }

    /** A copy whose arrays live outside any ND4J workspace. */
    public GaussianComponents detached() {
        return new GaussianComponents(type, means.detach(), covariances.detach(), precisionCholesky.detach());
    }

    public GaussianComponents castTo(org.nd4j.linalg.api.buffer.DataType dtype) {
        return new GaussianComponents(type, means.castTo(dtype), covariances.castTo(dtype), precisionCholesky.castTo(dtype));
    }
}
