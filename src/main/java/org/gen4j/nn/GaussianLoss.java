package org.gen4j.nn;

import org.gen4j.nn.BernoulliLoss;
import org.gen4j.nn.ObservationLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Diagonal Gaussian likelihood for continuous data. With a fixed variance the decoder outputs only means
 * {@code [n, d]}; with a learned variance it outputs {@code [n, 2d]}: means, then raw variance outputs r mapped to
 * {@code log var = log(minVariance) + softplus(r + c)}, so that a pixel that never varies cannot drive its variance
 * to zero and the likelihood to infinity; the constant c makes the variance start at 1 when the raw output is 0.
 */
public final class GaussianLoss extends ObservationLoss {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private boolean learnedVariance;
    private double variance;

    /** For Jackson (DL4J serialises losses inside network configurations). */
    public GaussianLoss() {
        this(true, 1e-3);
    }

    /**
     * @param learnedVariance whether the decoder learns a variance per feature
     * @param variance        the fixed variance, or the smallest learned variance
     */
    public GaussianLoss(boolean learnedVariance, double variance) {
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("variance must be positive and finite, got " + variance);
        }
        this.learnedVariance = learnedVariance;
        this.variance = variance;
    }

    public boolean isLearnedVariance() {
        return learnedVariance;
    }

    public void setLearnedVariance(boolean learnedVariance) {
        this.learnedVariance = learnedVariance;
    }

    public double getVariance() {
        return variance;
    }

    public void setVariance(double variance) {
        this.variance = variance;
    }

    @Override
    public int outputsPerFeature() {
        return learnedVariance ? 2 : 1;
    }

    @Override
    public INDArray logProb(INDArray x, INDArray raw) {
        requireMatchingShapes(x, raw, outputsPerFeature());
        INDArray residual = x.castTo(raw.dataType()).sub(means(raw));
        INDArray logVariance = logVariance(raw);
        INDArray terms = residual.muli(residual).muli(Transforms.exp(logVariance.neg(), false)).addi(logVariance).addi(LOG_2PI);
        return terms.sum(1).muli(-0.5);
    }

    @Override
    protected INDArray negLogProbGradient(INDArray x, INDArray raw) {
        INDArray precision = Transforms.exp(logVariance(raw).negi(), false);
        INDArray residual = x.castTo(raw.dataType()).sub(means(raw));
        INDArray meanGradient = residual.mul(precision).negi();
        if (!learnedVariance) {
            return meanGradient;
        }
        // d(-log p)/d(log var) = (1 - r^2/var) / 2, times d(log var)/d(raw) = sigmoid(raw + c)
        INDArray logVarianceGradient = residual.muli(residual).muli(precision).rsubi(1.0).muli(0.5)
                .muli(Transforms.sigmoid(rawVariance(raw).add(unitOffset()), false));
        return Nd4j.hstack(meanGradient, logVarianceGradient);
    }

    @Override
    public INDArray mean(INDArray raw) {
        return means(raw).dup();
    }

    @Override
    public INDArray sample(INDArray raw, Random random) {
        INDArray noise = Nd4j.randn(Nd4j.create(raw.dataType(), raw.size(0), raw.size(1) / outputsPerFeature()), random);
        return noise.muli(Transforms.exp(logVariance(raw).muli(0.5), false)).addi(means(raw));
    }

    private INDArray means(INDArray raw) {
        return learnedVariance ? raw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, raw.size(1) / 2)) : raw;
    }

    private INDArray rawVariance(INDArray raw) {
        return raw.get(NDArrayIndex.all(), NDArrayIndex.interval(raw.size(1) / 2, raw.size(1)));
    }

    /** A fresh array of per-element log-variances, the shape of the means. */
    private INDArray logVariance(INDArray raw) {
        if (!learnedVariance) {
            return Nd4j.valueArrayOf(raw.shape(), Math.log(variance), raw.dataType());
        }
        return BernoulliLoss.softPlus(rawVariance(raw).add(unitOffset())).addi(Math.log(variance));
    }

    /** c with {@code log(minVariance) + softplus(c) = 0}; variances below 1 need no offset. */
    private double unitOffset() {
        return variance >= 1 ? 0 : Math.log(1 / variance - 1);
    }

    @Override
    public String name() {
        return learnedVariance ? "gaussian" : "gaussian-fixed-variance";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianLoss g && g.learnedVariance == learnedVariance && g.variance == variance;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(learnedVariance) * 31 + Double.hashCode(variance);
    }

    @Override
    public String toString() {
        return learnedVariance ? "Gaussian(learned variance >= " + variance + ")" : "Gaussian(variance " + variance + ")";
    }
}
