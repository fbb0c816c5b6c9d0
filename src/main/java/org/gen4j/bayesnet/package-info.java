/**
 * Discrete Bayesian networks: the model (tables, sampling, log-probabilities) and its sub-packages for
 * factors, exact and approximate inference, parameter and EM estimators, structure learning and BIF files.
 * Family: imports no other family.
 */
package org.gen4j.bayesnet;
