package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.GaussianComponents;
import org.gen4j.stats.GaussianStatistics;
import org.gen4j.stats.LogSumExp;
import org.gen4j.stats.PreparedData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The parameters of a Gaussian mixture: mixing weights and the component Gaussians.
 *
 * @param weights   {@code [k]}, summing to 1
 * @param gaussians the k components
 */
record MixtureParameters(INDArray weights, GaussianComponents gaussians) implements java.io.Serializable {

    static MixtureParameters fromCovariances(CovarianceType type, INDArray weights, INDArray means, INDArray covariances) {
        return new MixtureParameters(weights, GaussianComponents.fromCovariances(type, means, covariances));
    }

    /** The M-step's Gaussians, weighted by their share of the effective counts. */
    static MixtureParameters fromEstimate(GaussianStatistics.Estimate estimate) {
        INDArray counts = estimate.counts();
        return new MixtureParameters(counts.div(counts.sumNumber().doubleValue()), estimate.components());
    }

    CovarianceType type() {
        return gaussians.type();
    }

    INDArray means() {
        return gaussians.means();
    }

    INDArray covariances() {
        return gaussians.covariances();
    }

    INDArray precisionCholesky() {
        return gaussians.precisionCholesky();
    }

    int components() {
        return gaussians.count();
    }

    int dimensions() {
        return gaussians.dimensions();
    }

    /** log π_k + log N(x | μ_k, Σ_k). @return {@code [n, k]} */
    INDArray weightedLogProb(PreparedData data) {
        return gaussians.logDensity(data, Transforms.log(weights, true).toDoubleVector());
    }

    /** The weights W with {@link #weightedLogProb(PreparedData)} = q(X) W. @return {@code [m + d + 1, k]} */
    INDArray weightedLogProbWeights(PreparedData data) {
        return gaussians.logDensityWeights(data, Transforms.log(weights, true).toDoubleVector());
    }

    /** log π_k + log N(x | μ_k, Σ_k) of raw data. @param x {@code [n, d]} @return {@code [n, k]} */
    INDArray weightedLogProb(INDArray x) {
        return weightedLogProb(PreparedData.of(x, centre(), type()));
    }

    /** The weighted mean of the component means: a shift that keeps the density's expansion well conditioned. */
    INDArray centre() {
        return weights.reshape(1, weights.length()).mmul(means());
    }

    /** The E-step: responsibilities and the log-likelihood of each sample. */
    Expectation expectation(PreparedData data) {
        LogSumExp.Normalized normalized = LogSumExp.normalizeRows(weightedLogProb(data));
        return new Expectation(normalized.probabilities(), normalized.logSums());
    }

    /** @param resp {@code [n, k]} responsibilities @param logNorm {@code [n]} log p(x_i) */
    record Expectation(INDArray resp, INDArray logNorm) {
    }

    /** A copy whose arrays live outside any ND4J workspace, so it survives the EM iteration that made it. */
    MixtureParameters detached() {
        return new MixtureParameters(weights.detach(), gaussians.detached());
    }

    /** Checks shapes and values of user-given parameters. */
    static void validate(CovarianceType type, INDArray weights, INDArray means, INDArray covariances) {
        if (means.rank() != 2) {
            throw new Gen4jException("means must have shape [k, d], got " + Arrays.toString(means.shape()));
        }
        int k = (int) means.rows();
        int d = (int) means.columns();
        if (weights.length() != k || weights.rank() != 1) {
            throw new Gen4jException("weights must have shape [" + k + "], got " + Arrays.toString(weights.shape()));
        }
        double total = weights.sumNumber().doubleValue();
        if (weights.minNumber().doubleValue() < 0 || Math.abs(total - 1) > 1e-6) {
            throw new Gen4jException("weights must be non-negative and sum to 1, got " + weights);
        }
        if (covariances != null) {
            type.structure().checkShape(covariances, k, d, "covariances");
        }
    }
}
