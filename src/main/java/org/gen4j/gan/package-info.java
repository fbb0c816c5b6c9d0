/**
 * Generative adversarial networks on DL4J ComputationGraphs: architectures (MLP, DCGAN, conditional),
 * the trainer (standard and Wasserstein), latent inversion and the fitted model.
 * Family: imports no other family.
 */
package org.gen4j.gan;
