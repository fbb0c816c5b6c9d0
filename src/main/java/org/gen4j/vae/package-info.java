/**
 * Variational autoencoders on DL4J ComputationGraphs: architectures (MLP, conv, conditional, categorical),
 * the trainer, the fitted model (encode, decode, ELBO, importance-weighted log-likelihood) and pictures.
 * Family: imports no other family.
 */
package org.gen4j.vae;
