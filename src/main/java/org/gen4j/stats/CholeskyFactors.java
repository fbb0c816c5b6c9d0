package org.gen4j.stats;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Cholesky factors of covariance and precision matrices, and the log-density they share. */
public final class CholeskyFactors {
    public static final double LOG_2PI = Math.log(2 * Math.PI);

    private CholeskyFactors() {
    }

    /**
     * The upper-triangular precision factor P = (L⁻¹)ᵀ of Σ = L Lᵀ, so that Σ⁻¹ = P Pᵀ.
     *
     * @param covariance {@code [d, d]}
     * @param what       how to name the matrix in the error, e.g. "component 3"
     */
    static INDArray precisionFactor(INDArray covariance, String what) {
        double[][] lowerInverse = lowerInverse(choleskyValues(covariance, what));
        return Nd4j.createFromArray(lowerInverse).castTo(covariance.dataType()).transpose().dup();
    }

    /** A {@code [k, d, d]} array as Java matrices: the per-component d x d work is cheaper in Java than as ND4J ops. */
    public static double[][][] matrices(INDArray stack) {
        int k = (int) stack.size(0);
        int d = (int) stack.size(1);
        double[] flat = stack.dup('c').data().asDouble();
        double[][][] m = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < d; r++) {
                System.arraycopy(flat, (j * d + r) * d, m[j][r], 0, d);
            }
        }
        return m;
    }

    /** P Pᵀ of a d x d matrix. */
    static double[][] timesOwnTranspose(double[][] p) {
        int d = p.length;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int m = 0; m < d; m++) {
                    sum += p[i][m] * p[j][m];
                }
                out[i][j] = sum;
                out[j][i] = sum;
            }
        }
        return out;
    }

    /** The upper-triangular precision factor (L⁻¹)ᵀ of a d x d covariance, in Java arrays. */
    static double[][] precisionFactor(double[][] covariance, String what) {
        double[][] lowerInverse = lowerInverse(choleskyValues(covariance, what));
        int d = covariance.length;
        double[][] factor = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                factor[i][j] = lowerInverse[j][i];
            }
        }
        return factor;
    }

    /** The inverse of a symmetric positive-definite {@code [d, d]} matrix: (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹. */
    public static INDArray inverse(INDArray spd, String what) {
        INDArray lowerInverse = Nd4j.createFromArray(lowerInverse(choleskyValues(spd, what))).castTo(spd.dataType());
        return lowerInverse.transpose().mmul(lowerInverse);
    }

    /** The lower Cholesky factor L of {@code [d, d]} Σ = L Lᵀ; a matrix that is not positive definite is an error. */
    public static INDArray cholesky(INDArray covariance, String what) {
        return Nd4j.createFromArray(choleskyValues(covariance, what)).castTo(covariance.dataType());
    }

    /*
     * The d x d factorisations run in plain Java: they cost O(k d^3) per EM iteration against the O(n k d^2) of
     * the E-step, and libnd4j 1.0.0-M2.1's cholesky op rejects well-conditioned matrices whose determinant is
     * merely small (it validates through matrix_inverse and prints to stdout), which would break any data set
     * measured in small units.
     */
    private static double[][] choleskyValues(INDArray covariance, String what) {
        return choleskyValues(covariance.toDoubleMatrix(), what);
    }

    private static double[][] choleskyValues(double[][] a, String what) {
        int d = a.length;
        double[][] lower = new double[d][d];
        for (int j = 0; j < d; j++) {
            double pivot = a[j][j];
            for (int m = 0; m < j; m++) {
                pivot -= lower[j][m] * lower[j][m];
            }
            if (!(pivot > 0) || !Double.isFinite(pivot)) {
                throw notPositiveDefinite(what);
            }
            lower[j][j] = Math.sqrt(pivot);
            for (int i = j + 1; i < d; i++) {
                double sum = a[i][j];
                for (int m = 0; m < j; m++) {
                    sum -= lower[i][m] * lower[j][m];
                }
                lower[i][j] = sum / lower[j][j];
            }
        }
        return lower;
    }

    /** The inverse of a lower-triangular matrix by forward substitution. */
    private static double[][] lowerInverse(double[][] lower) {
        int d = lower.length;
        double[][] inverse = new double[d][d];
        for (int c = 0; c < d; c++) {
            inverse[c][c] = 1 / lower[c][c];
            for (int i = c + 1; i < d; i++) {
                double sum = 0;
                for (int m = c; m < i; m++) {
                    sum -= lower[i][m] * inverse[m][c];
                }
                inverse[i][c] = sum / lower[i][i];
            }
        }
        return inverse;
    }

    public static Gen4jException notPositiveDefinite(String what) {
        return new Gen4jException("the covariance of " + what + " is not positive definite: the data may have a"
                + " constant column, duplicated rows or more components than it supports; increase regCovar"
                + " (--reg-covar) or reduce the number of components");
    }

    /** Σ = (P Pᵀ)⁻¹ from the precision factor P of {@code [d, d]}. */
    static INDArray covarianceFromPrecisionFactor(INDArray precisionFactor) {
        // Pᵀ is lower-triangular, X = (Pᵀ)⁻¹ = P⁻ᵀ, and Σ = P⁻ᵀ P⁻¹ = X Xᵀ
        double[][] inverseTransposed = lowerInverse(precisionFactor.transpose().toDoubleMatrix());
        INDArray x = Nd4j.createFromArray(inverseTransposed).castTo(precisionFactor.dataType());
        return x.mmul(x.transpose());
    }

    /** The sum of the log of the diagonal of {@code [d, d]}: half the log-determinant of P Pᵀ. */
    static double logDiagonalSum(INDArray triangular) {
        return Transforms.log(Nd4j.diag(triangular), true).sumNumber().doubleValue();
    }

    /**
     * The E-step weights of log N for all components: the prepared features times them give the log-densities;
     * the last row (against the features' column of ones) holds each component's constant.
     *
     * @param weights  {@code [m + d][k]} quadratic-form coefficients, see {@link PreparedData#features()}
     * @param constant {@code [k]} μ_kᵀ Λ_k μ_k
     * @param logDet   {@code [k]} half the log-determinant of each precision
     * @param offsets  {@code [k]} added per component
     * @param d        dimensions
     * @return {@code [m + d + 1, k]}
     */
    static INDArray logDensityWeights(double[][] weights, double[] constant, double[] logDet, double[] offsets, int d,
                                      org.nd4j.linalg.api.buffer.DataType dtype) {
        int k = constant.length;
        // the −½ of the exponent goes into the weights, so the product is the log-density itself
        double[][] all = new double[weights.length + 1][];
        for (int r = 0; r < weights.length; r++) {
            all[r] = weights[r].clone();
            for (int j = 0; j < k; j++) {
                all[r][j] *= -0.5;
            }
        }
        all[weights.length] = new double[k];
        for (int j = 0; j < k; j++) {
            all[weights.length][j] = -0.5 * (d * LOG_2PI + constant[j]) + logDet[j] + offsets[j];
        }
        return Nd4j.createFromArray(all).castTo(dtype);
    }
}
