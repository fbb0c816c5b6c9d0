/**
 * Numerical building blocks of the classical families: covariance structures, Gaussian log-densities and
 * weighted sufficient statistics as batched matrix products, k-means, log-sum-exp.
 * Uses the kernels behind the fence; no family.
 */
package org.gen4j.stats;
