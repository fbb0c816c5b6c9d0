package org.gen4j.vae;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * q(z | x) for each sample: a diagonal Gaussian. The means are the features a VAE learns.
 *
 * @param mean     {@code [n, latent]}
 * @param variance {@code [n, latent]}
 */
public record LatentPosterior(INDArray mean, INDArray variance) {

    @Override
    public String toString() {
        return "q(z|x) for " + mean.rows() + " samples, latent size " + mean.columns() + ", mean of means "
                + String.format("%.4f", mean.meanNumber().doubleValue()) + ", mean variance "
                + String.format("%.4f", variance.meanNumber().doubleValue());
    }
}
