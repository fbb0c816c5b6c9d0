/**
 * Gaussian mixtures: the model, its trainer on the shared EM engine (batch, streaming, warm start, resume),
 * initialisation and model selection (BIC/AIC).
 * Family: imports no other family.
 */
package org.gen4j.gmm;
