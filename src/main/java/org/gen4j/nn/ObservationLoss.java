package org.gen4j.nn;

import org.gen4j.nn.PerSampleLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * The decoder's likelihood p(x | z) as a DL4J loss: the network's last layer outputs the distribution's raw
 * parameters (logits, or means and log-variances) and this class turns them into {@code -log p(x | z)} per sample,
 * its gradient, the distribution's mean and draws from it. Evaluation (ELBO, importance weights) uses the same
 * {@link #logProb} as training, so the two can never disagree.
 */
public abstract class ObservationLoss extends PerSampleLoss {

    /** How many raw outputs the decoder produces per data feature (1 for Bernoulli logits, 2 for mean + log-variance). */
    public abstract int outputsPerFeature();

    /** {@code log p(x_i | z_i)} for each row, from the decoder's raw outputs {@code [n, d * outputsPerFeature]}. */
    public abstract INDArray logProb(INDArray x, INDArray rawOutput);

    /** The derivative of {@code -log p(x | z)} with respect to the raw outputs, per element. */
    protected abstract INDArray negLogProbGradient(INDArray x, INDArray rawOutput);

    /** The mean of p(x | z): what a reconstruction or a decoded latent point shows. */
    public abstract INDArray mean(INDArray rawOutput);

    /** One draw from p(x | z) per row. */
    public abstract INDArray sample(INDArray rawOutput, Random random);

    @Override
    protected INDArray lossPerSample(INDArray x, INDArray rawOutput) {
        return logProb(x, rawOutput).negi();
    }

    @Override
    protected INDArray lossGradient(INDArray x, INDArray rawOutput) {
        return negLogProbGradient(x, rawOutput);
    }

    protected static void requireMatchingShapes(INDArray x, INDArray rawOutput, int outputsPerFeature) {
        if (x.size(0) != rawOutput.size(0) || x.size(1) * outputsPerFeature != rawOutput.size(1)) {
            throw new IllegalArgumentException("data " + java.util.Arrays.toString(x.shape()) + " does not match decoder output "
                    + java.util.Arrays.toString(rawOutput.shape()));
        }
    }
}
