package org.gen4j.gmm;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What differs between covariance types: the scatter statistic accumulated in the E-step, the covariance
 * estimate of the M-step, the Cholesky factor of the precision, and the log-density. The EM loop knows only this
 * interface (the scikit-learn shape: one loop, four small strategies).
 *
 * <p>Scatter is accumulated around fixed centres c, not around the means being estimated, so that it can be
 * summed over mini-batches; the M-step corrects by the shift δ = mean − c
 * (Σ r (x − μ)(x − μ)ᵀ = Σ r (x − c)(x − c)ᵀ − n_k δδᵀ). With c = μ the correction is exactly zero.
 */
interface CovarianceStructure {

    /**
     * The weighted scatter of the data around the centres.
     *
     * @param x       {@code [n, d]}
     * @param resp    {@code [n, k]} responsibilities
     * @param centres {@code [k, d]}
     * @return full and tied: {@code [k, d, d]}; diag and spherical: {@code [k, d]}
     */
    INDArray scatter(INDArray x, INDArray resp, INDArray centres);

    /**
     * The covariance estimate from summed statistics, with {@code regCovar} added to the diagonal.
     *
     * @param nk      {@code [k]} effective counts
     * @param means   {@code [k, d]} new means
     * @param centres {@code [k, d]} the centres the scatter was taken around
     * @param scatter as returned by {@link #scatter}, summed over batches
     * @return the covariances in this type's shape
     */
    INDArray covariances(INDArray nk, INDArray means, INDArray centres, INDArray scatter, double regCovar);

    /**
     * The Cholesky factor of each precision matrix (upper-triangular P with Σ⁻¹ = P Pᵀ, as scikit-learn's
     * {@code precisions_cholesky_}); a covariance that is not positive definite is an error naming the component.
     */
    INDArray precisionCholesky(INDArray covariances);

    /** The inverse of {@link #precisionCholesky}: covariances from a precision Cholesky factor. */
    INDArray covariancesFromPrecisionCholesky(INDArray precisionCholesky);

    /** Precisions Σ⁻¹ from the Cholesky factor, in this type's shape. */
    INDArray precisions(INDArray precisionCholesky);

    /**
     * log N(x_i | μ_k, Σ_k) for every sample and component.
     *
     * @param x     {@code [n, d]}
     * @param means {@code [k, d]}
     * @return {@code [n, k]}
     */
    INDArray logGaussian(INDArray x, INDArray means, INDArray precisionCholesky);

    /** A factor A_k with Σ_k = A_k A_kᵀ, as {@code [d, d]}, for drawing samples. */
    INDArray samplingFactor(INDArray covariances, int component, int dimensions);

    /** How many free parameters the covariances of k components in d dimensions have. */
    long parameterCount(int k, int d);

    /** Checks the shape of user-given covariances or precisions; throws a message naming the expected shape. */
    void checkShape(INDArray covariances, int k, int d, String what);
}
