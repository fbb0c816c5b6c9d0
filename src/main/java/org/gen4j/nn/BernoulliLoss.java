package org.gen4j.nn;

import org.gen4j.kernels.ElementwiseKernels;
import org.gen4j.nn.ObservationLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bernoulli likelihood on logits a: {@code log p(x | z) = sum_j x_j a_j - softplus(a_j)}, exact and stable for
 * binary data and the usual cross-entropy for intensities in [0, 1].
 */
public final class BernoulliLoss extends ObservationLoss {

    @Override
    public int outputsPerFeature() {
        return 1;
    }

    @Override
    public INDArray logProb(INDArray x, INDArray logits) {
        requireMatchingShapes(x, logits, 1);
        INDArray targets = x.castTo(logits.dataType());
        INDArray loss = Nd4j.createUninitialized(logits.dataType(), logits.shape(), logits.ordering());
        if (ElementwiseKernels.bernoulli(targets, logits, loss, null)) {
            return loss.sum(1).negi();
        }
        return targets.mul(logits).subi(softPlus(logits)).sum(1);
    }

    /** {@code log(1 + e^a)} without overflow: {@code max(a, 0) + log(1 + e^-|a|)}. */
    static INDArray softPlus(INDArray a) {
        INDArray tail = Transforms.log(Transforms.exp(Transforms.abs(a, true).negi(), false).addi(1.0), false);
        return Transforms.relu(a, true).addi(tail);
    }

    @Override
    protected LossAndGradient lossAndGradient(INDArray x, INDArray logits) {
        requireMatchingShapes(x, logits, 1);
        INDArray gradient = Nd4j.createUninitialized(logits.dataType(), logits.shape(), 'c');
        double[] perRow = new double[(int) logits.rows()];
        return ElementwiseKernels.bernoulliRows(x.castTo(logits.dataType()), logits, perRow, gradient)
                ? new LossAndGradient(perRow, gradient) : null;
    }

    @Override
    protected INDArray negLogProbGradient(INDArray x, INDArray logits) {
        INDArray targets = x.castTo(logits.dataType());
        INDArray gradient = Nd4j.createUninitialized(logits.dataType(), logits.shape(), logits.ordering());
        if (ElementwiseKernels.bernoulli(targets, logits, null, gradient)) {
            return gradient;
        }
        return Transforms.sigmoid(logits, true).subi(targets);
    }

    @Override
    public INDArray mean(INDArray logits) {
        return Transforms.sigmoid(logits, true);
    }

    @Override
    public INDArray sample(INDArray logits, Random random) {
        INDArray uniform = Nd4j.rand(Nd4j.create(logits.dataType(), logits.shape()), random);
        return uniform.lt(mean(logits)).castTo(logits.dataType());
    }

    @Override
    public String name() {
        return "bernoulli";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BernoulliLoss;
    }

    @Override
    public int hashCode() {
        return 17;
    }

    @Override
    public String toString() {
        return "Bernoulli";
    }
}
