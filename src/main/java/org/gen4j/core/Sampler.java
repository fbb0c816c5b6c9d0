package org.gen4j.core;

/**
 * A model that generates new data.
 *
 * <pre>{@code
 * INDArray fake = mixture.sample(500, 42);   // [500, d], the same rows for the same seed
 * }</pre>
 *
 * @param <D> the data a model draws: {@code INDArray [n, d]} for mixtures and networks, a batch of sequences
 *            for HMMs, a discrete table for Bayesian networks
 */
public interface Sampler<D> {

    /**
     * Draws {@code n} independent samples.
     *
     * @param n    how many samples (at least 1)
     * @param seed the same seed gives the same samples on the same backend
     */
    D sample(int n, long seed);
}
