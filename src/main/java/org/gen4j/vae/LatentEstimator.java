package org.gen4j.vae;

import org.gen4j.core.Gen4jException;
import org.gen4j.nn.BernoulliLoss;
import org.gen4j.nn.ObservationLoss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Monte Carlo estimates of a VAE's density from its two networks, whichever library trained them: draws
 * z_k ~ q(z|x) and weighs log p(x|z_k) + log p(z_k) − log q(z_k|x). Their mean is the ELBO; their log-mean-exp the
 * importance-weighted bound of Burda et al. (2016), which tightens as K grows.
 * <pre>{@code
 * LatentEstimator estimator = new LatentEstimator(networks, new BernoulliLoss(), 20);
 * INDArray logP = estimator.logProb(rows, null, 64, 0);     // [n], float64
 * }</pre>
 */
public final class LatentEstimator {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Rows x importance samples decoded in one batch. */
    private static final long DECODE_BATCH = 1 << 15;

    /** A VAE's networks as functions of rows {@code [n, d]} (and one-hot classes, or null). */
    public interface Networks {
        /** The means and log-variances of q(z|x) side by side: {@code [n, 2 * latent]}. */
        INDArray latentParameters(INDArray rows, INDArray oneHot);

        /** The decoder's output for latent points, as rows the likelihood reads: {@code [n, d * outputsPerFeature]}. */
        INDArray decoderOutput(INDArray z, INDArray oneHot);
    }

    private final Networks networks;
    private final ObservationLoss likelihood;
    private final int latent;

    public LatentEstimator(Networks networks, ObservationLoss likelihood, int latent) {
        this.networks = networks;
        this.likelihood = likelihood;
        this.latent = latent;
    }

    /** Importance-weighted log p(x) with {@code samples} draws per row. @return {@code [n]}, float64 */
    public INDArray logProb(INDArray rows, INDArray oneHot, int samples, long seed) {
        INDArray logWeights = logWeights(estimate(rows, oneHot, samples, seed));
        INDArray max = logWeights.max(1);
        INDArray shifted = Transforms.exp(logWeights.subColumnVector(max.reshape(max.length(), 1)), false);
        return Transforms.log(shifted.mean(1), false).addi(max);
    }

    /** The ELBO per row, averaged over {@code samples} draws. @return {@code [n]}, float64 */
    public INDArray elbo(INDArray rows, INDArray oneHot, int samples, long seed) {
        return logWeights(estimate(rows, oneHot, samples, seed)).mean(1);
    }

    /** An &amp; Cho's reconstruction probability, E_q[log p(x|z)]. @return {@code [n]}, float64 */
    public INDArray reconstructionLogProb(INDArray rows, INDArray oneHot, int samples, long seed) {
        return estimate(rows, oneHot, samples, seed).logLikelihood.mean(1);
    }

    private static INDArray logWeights(Estimates e) {
        return e.logLikelihood.add(e.logPrior).subi(e.logPosterior);
    }

    /** log p(x|z_k), log p(z_k) and log q(z_k|x) for K draws per row, each {@code [n, K]} in float64. */
    private record Estimates(INDArray logLikelihood, INDArray logPrior, INDArray logPosterior) {
    }

    private Estimates estimate(INDArray rows, INDArray oneHot, int samples, long seed) {
        if (samples < 1) {
            throw new Gen4jException("the number of samples must be positive, got " + samples);
        }
        long n = rows.rows();
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        INDArray logLikelihood = Nd4j.create(DataType.DOUBLE, n, samples);
        INDArray logPrior = Nd4j.create(DataType.DOUBLE, n, samples);
        INDArray logPosterior = Nd4j.create(DataType.DOUBLE, n, samples);
        long chunk = Math.max(1, DECODE_BATCH / samples);
        for (long start = 0; start < n; start += chunk) {
            long end = Math.min(n, start + chunk);
            long m = end - start;
            INDArray x = rows.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray y = oneHot == null ? null : oneHot.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray parameters = networks.latentParameters(x, y);
            INDArray mean = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).repeat(0, samples);
            INDArray logVariance = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)).repeat(0, samples);
            INDArray eps = Nd4j.randn(Nd4j.create(parameters.dataType(), m * samples, latent), random);
            INDArray z = eps.mul(Transforms.exp(logVariance.mul(0.5), false)).addi(mean);
            INDArray raw = networks.decoderOutput(z, y == null ? null : y.repeat(0, samples));
            Window target = new Window(start, end);
            target.put(logLikelihood, likelihood.logProb(x.repeat(0, samples), raw).castTo(DataType.DOUBLE).reshape(m, samples));
            target.put(logPrior, standardNormalLogDensity(z).reshape(m, samples));
            target.put(logPosterior, standardNormalLogDensity(eps).subi(logVariance.castTo(DataType.DOUBLE).sum(1).muli(0.5)).reshape(m, samples));
        }
        return new Estimates(logLikelihood, logPrior, logPosterior);
    }

    private record Window(long start, long end) {
        void put(INDArray into, INDArray values) {
            into.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(values);
        }
    }

    /** {@code log N(v; 0, I)} per row, float64. */
    private static INDArray standardNormalLogDensity(INDArray v) {
        INDArray d = v.castTo(DataType.DOUBLE);
        return d.mul(d).sum(1).addi(v.columns() * LOG_2PI).muli(-0.5);
    }
}
