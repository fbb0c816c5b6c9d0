/**
 * Factors over discrete variables as ND4J tensors: product, marginalisation, reduction by evidence.
 * The arithmetic of exact inference.
 * Part of the Bayesian-network family.
 */
package org.gen4j.bayesnet.factors;
