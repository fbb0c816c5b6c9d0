package org.gen4j.nn;

import org.gen4j.kernels.ElementwiseKernels;
import org.gen4j.nn.PerSampleLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code weight * KL(q(z|x) || N(0, I))} on the encoder's output {@code [means | log-variances]}, in closed form:
 * {@code 0.5 * sum(mu^2 + e^lv - lv - 1)}. It ignores its labels. The weight is β; it is mutable because a KL
 * warm-up moves it between iterations of one network.
 */
public final class KlDivergenceLoss extends PerSampleLoss {

    private double weight = 1.0;

    public double getWeight() {
        return weight;
    }

    public void setWeight(double weight) {
        this.weight = weight;
    }

    /** The unweighted KL divergence of each row, {@code [n]}. */
    public static INDArray perSample(INDArray latentParameters) {
        long latent = latentParameters.size(1) / 2;
        INDArray mean = latentParameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
        INDArray logVariance = latentParameters.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
        INDArray terms = mean.mul(mean).addi(Transforms.exp(logVariance, true)).subi(logVariance).subi(1.0);
        return terms.sum(1).muli(0.5);
    }

    @Override
    protected INDArray lossPerSample(INDArray labels, INDArray latentParameters) {
        INDArray perRow = Nd4j.createUninitialized(latentParameters.dataType(), latentParameters.rows());
        if (ElementwiseKernels.standardNormalKl(latentParameters, weight, perRow, null)) {
            return perRow;
        }
        return perSample(latentParameters).muli(weight);
    }

    /** d/d mu = mu, d/d lv = (e^lv - 1) / 2, times the weight. */
    @Override
    protected INDArray lossGradient(INDArray labels, INDArray latentParameters) {
        INDArray byKernels = Nd4j.createUninitialized(latentParameters.dataType(), latentParameters.shape(), 'c');
        if (ElementwiseKernels.standardNormalKl(latentParameters, weight, null, byKernels)) {
            return byKernels;
        }
        long latent = latentParameters.size(1) / 2;
        INDArray gradient = latentParameters.dup();
        INDArray logVarianceGradient = gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
        Transforms.exp(logVarianceGradient, false).subi(1.0).muli(0.5);
        return gradient.muli(weight);
    }

    @Override
    public String name() {
        return "kl-divergence";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KlDivergenceLoss k && k.weight == weight;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(weight);
    }

    @Override
    public String toString() {
        return "KL(q || N(0, I)) x " + weight;
    }
}
