/**
 * Hidden Markov models: the model, emissions (Gaussian, Gaussian mixture, categorical, Poisson),
 * forward–backward, Viterbi, and Baum–Welch on the shared EM engine.
 * Family: imports no other family.
 */
package org.gen4j.hmm;
