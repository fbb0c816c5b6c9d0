package org.gen4j.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J loss defined by two functions of the layer's output: the loss of each sample and its gradient. This class
 * adds what DL4J asks around them (activation, masks, averaging), the same way for every VAE loss.
 */
public abstract class PerSampleLoss implements ILossFunction {

    /** The loss of each row, {@code [n]}. */
    protected abstract INDArray lossPerSample(INDArray labels, INDArray output);

    /** The derivative of {@link #lossPerSample} with respect to the output, per element. */
    protected abstract INDArray lossGradient(INDArray labels, INDArray output);

    /** Each row's loss and the gradient, from one pass. @param perRow [n] @param gradient [n, d] */
    public record LossAndGradient(double[] perRow, INDArray gradient) {
    }

    /**
     * Both at once, for a loss that can compute them in one pass (null: it cannot, or not for these arrays). DL4J
     * asks an output layer for its gradient and then for its score on the same arrays; the rows' losses from this
     * pass answer the score.
     */
    protected LossAndGradient lossAndGradient(INDArray labels, INDArray output) {
        return null;
    }

    /**
     * The per-row losses of the last gradient pass, and the arrays they belong to: a cache of one step, not part of
     * the loss, so never serialised (Spark ships networks with Kryo, which cannot write records). One reference read
     * once per call: networks that share this loss's configuration and train at once (Spark's tasks in one JVM) may
     * overwrite each other's entry, but a call uses an entry only for its own arrays.
     */
    private transient volatile LastPass last;

    private record LastPass(INDArray labels, INDArray preOutput, LossAndGradient pass) {
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        LastPass cached = last;
        last = null;
        if (cached != null && labels == cached.labels() && preOutput == cached.preOutput() && mask == null) {
            double[] perRow = cached.pass().perRow();
            return Nd4j.createFromArray(perRow).castTo(preOutput.dataType()).reshape(perRow.length, 1);
        }
        INDArray scores = lossPerSample(labels, activated(preOutput, activationFn));
        if (mask != null) {
            scores.muli(mask.reshape(scores.shape()).castTo(scores.dataType()));
        }
        return scores.reshape(scores.length(), 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        double total = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? total / preOutput.size(0) : total;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        LossAndGradient pass = mask == null && activationFn instanceof ActivationIdentity ? lossAndGradient(labels, preOutput) : null;
        last = pass == null ? null : new LastPass(labels, preOutput, pass);
        if (pass != null) {
            return pass.gradient();
        }
        INDArray gradient = lossGradient(labels, activated(preOutput, activationFn));
        if (mask != null) {
            gradient.muliColumnVector(mask.reshape(mask.length(), 1).castTo(gradient.dataType()));
        }
        return activationFn instanceof ActivationIdentity ? gradient : activationFn.backprop(preOutput.dup(), gradient).getFirst();
    }

    /** The layer's output; DL4J's activations work in place, so on a copy unless there is nothing to do. */
    private static INDArray activated(INDArray preOutput, IActivation activationFn) {
        return activationFn instanceof ActivationIdentity ? preOutput : activationFn.getActivation(preOutput.dup(), true);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return Pair.of(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }
}
