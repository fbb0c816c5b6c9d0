package org.gen4j.distributions;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * k Gaussian densities sharing one covariance type: the emission model of a mixture component or of an HMM state.
 *
 * @param means             {@code [k, d]}
 * @param covariances       in the shape of {@code type} (see {@link CovarianceType})
 * @param precisionCholesky same shape as {@code covariances}
 */
public record GaussianComponents(CovarianceType type, INDArray means, INDArray covariances, INDArray precisionCholesky) {

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
        INDArray shiftedMeans = means.subRowVector(data.shift());
        return type.structure().logGaussian(data, shiftedMeans, precisionCholesky, offsets);
    }

    /** log N for raw data. @param x {@code [n, d]} @return {@code [n, k]} */
    public INDArray logDensity(INDArray x) {
        INDArray data = x.dataType() == means.dataType() ? x : x.castTo(means.dataType());
        return logDensity(PreparedData.of(data, means.mean(true, 0), type), new double[count()]);
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
