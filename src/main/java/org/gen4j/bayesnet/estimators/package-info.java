/**
 * Learning a network's tables: maximum likelihood and Bayesian estimators from counts, and EM for
 * missing values and latent variables on the shared EM engine.
 * Part of the Bayesian-network family.
 */
package org.gen4j.bayesnet.estimators;
