/**
 * Network building blocks on DL4J: fast layer replacements, fused updaters, observation losses (Bernoulli,
 * Gaussian, KL), shuffled mini-batches, shared products, early stopping, one-hot class labels.
 * Used by the VAE and GAN families and Keras import.
 */
package org.gen4j.nn;
