package org.gen4j.core;

/**
 * A fitted generative model: an immutable value that learned P(x) from data.
 *
 * <p>What a model can do is said by the small capability interfaces it implements:
 * {@link Sampler}, {@link DensityModel}, {@link LatentModel} and {@link AnomalyScorer}.
 * How each family fits them:
 * <ul>
 *   <li>Gaussian mixtures: data {@code INDArray [n, d]}; latent posterior = responsibilities {@code [n, k]}.</li>
 *   <li>Hidden Markov models: data is a batch of sequences {@code [T_i, d]}; {@code logProb} gives one value per
 *       sequence, the latent posterior gives state posteriors per step.</li>
 *   <li>Discrete Bayesian networks: data is a table of integer state codes {@code [n, v]} with its schema;
 *       {@code logProb} is exact per row; the latent posterior is the marginal of hidden variables.</li>
 *   <li>Variational autoencoders: data {@code [n, d]} or images {@code [n, c, h, w]}; {@code logProb} is an
 *       importance-weighted bound, the latent posterior is q(z|x) (means and variances).</li>
 *   <li>GANs: {@link Sampler} through the generator; {@link AnomalyScorer} from the discriminator; no density.</li>
 * </ul>
 * Every model is saved and loaded with {@link ModelIO}, and says how it was made through {@link #provenance()}.
 */
public interface GenerativeModel {

    /** The registered type name used in saved files, e.g. {@code "gaussian-mixture"}. */
    String modelType();

    /** How this model was made: trainer, hyperparameters, data description, gen4j version. */
    Provenance provenance();
}
