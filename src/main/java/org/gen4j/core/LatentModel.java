package org.gen4j.core;

/**
 * A model with latent variables h that can infer P(h | x): the features users learn from data.
 *
 * <pre>{@code
 * INDArray resp = mixture.posterior(x);      // [n, k], rows sum to 1
 * }</pre>
 *
 * @param <D> the data (see {@link GenerativeModel})
 * @param <P> the posterior: responsibilities {@code [n, k]} for mixtures, per-step state posteriors for HMMs,
 *            latent means and variances for VAEs
 */
public interface LatentModel<D, P> {

    /** The posterior over the latent variables given each sample. */
    P posterior(D data);
}
