/**
 * Questions to a network: variable elimination (exact marginals, MPE), likelihood weighting and
 * blocked Gibbs sampling with several chains and R-hat.
 * Part of the Bayesian-network family.
 */
package org.gen4j.bayesnet.inference;
