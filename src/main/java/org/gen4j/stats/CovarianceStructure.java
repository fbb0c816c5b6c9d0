package org.gen4j.stats;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What differs between covariance types: the second-order statistic of the M-step, the covariance estimate,
 * the Cholesky factor of the precision, and the log-density. The EM loop knows only this interface (the
 * scikit-learn shape: one loop, four small strategies).
 *
 * <p>Statistics are raw moments of data shifted to a fixed point ({@link PreparedData}), so that they add up
 * over mini-batches; the covariance is then Σ = E[xxᵀ] − μμᵀ in shifted coordinates, where the shift keeps the
 * two terms from being large and nearly equal. Log-densities use the same expansion,
 * (x − μ)ᵀΛ(x − μ) = xᵀΛx − 2μᵀΛx + μᵀΛμ, evaluated for all samples and components as matrix products.
 */
public interface CovarianceStructure {

    /**
     * The covariance estimate, with {@code regCovar} added to the diagonal.
     *
     * @param nk            {@code [k]} effective counts
     * @param shiftedMeans  {@code [k, d]} new means, in the shifted coordinates of the moments
     * @param secondMoments {@code [k, m]} Σ_i r_ik · (second-order features of x_i): packed outer products (full,
     *                      tied) or squares (diag, spherical), summed over batches
     * @return the covariances in this type's shape
     */
    INDArray covariances(INDArray nk, INDArray shiftedMeans, INDArray secondMoments, double regCovar);

    /**
     * The Cholesky factor of each precision matrix (upper-triangular P with Σ⁻¹ = P Pᵀ, as scikit-learn's
     * {@code precisions_cholesky_}); a covariance that is not positive definite is an error naming the component.
     */
    INDArray precisionCholesky(INDArray covariances);

    /** The inverse of {@link #precisionCholesky}: covariances from a precision Cholesky factor. */
    INDArray covariancesFromPrecisionCholesky(INDArray precisionCholesky);

    /** Covariances from precision matrices Σ⁻¹ (user-given starting values), in this type's shape. */
    INDArray covariancesFromPrecisions(INDArray precisions);

    /** Precisions Σ⁻¹ from the Cholesky factor, in this type's shape. */
    INDArray precisions(INDArray precisionCholesky);

    /**
     * The E-step weights W with log N(x_i | μ_k, Σ_k) + offset_k = q(x_i) W for the features q of
     * {@link PreparedData#features()}.
     *
     * @param shiftedMeans {@code [k, d]}, in the data's shifted coordinates
     * @param offsets      {@code [k]} added to each component's column (the log mixing weights in the E-step)
     * @return {@code [m + d + 1, k]}
     */
    INDArray logGaussianWeights(INDArray shiftedMeans, INDArray precisionCholesky, double[] offsets);

    /** A factor A_k with Σ_k = A_k A_kᵀ, as {@code [d, d]}, for drawing samples. */
    INDArray samplingFactor(INDArray covariances, int component, int dimensions);

    /** How many free parameters the covariances of k components in d dimensions have. */
    long parameterCount(int k, int d);

    /** Checks the shape of user-given covariances or precisions; throws a message naming the expected shape. */
    void checkShape(INDArray covariances, int k, int d, String what);
}
