package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The parameters of a Gaussian mixture, with the precision factors derived from the covariances.
 *
 * @param weights            {@code [k]}, summing to 1
 * @param means              {@code [k, d]}
 * @param covariances        in the shape of {@code type} (see {@link CovarianceType})
 * @param precisionCholesky  same shape as {@code covariances}
 */
record MixtureParameters(CovarianceType type, INDArray weights, INDArray means, INDArray covariances,
                         INDArray precisionCholesky) {

    static MixtureParameters fromCovariances(CovarianceType type, INDArray weights, INDArray means, INDArray covariances) {
        return new MixtureParameters(type, weights, means, covariances, type.structure().precisionCholesky(covariances));
    }

    int components() {
        return (int) means.rows();
    }

    int dimensions() {
        return (int) means.columns();
    }

    /** log π_k + log N(x | μ_k, Σ_k). @param x {@code [n, d]} @return {@code [n, k]} */
    INDArray weightedLogProb(INDArray x) {
        INDArray logWeights = Transforms.log(weights, true).reshape(1, weights.length());
        return type.structure().logGaussian(x, means, precisionCholesky).addiRowVector(logWeights);
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
