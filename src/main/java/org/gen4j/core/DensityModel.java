package org.gen4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model that assigns a log-likelihood to each sample.
 *
 * <pre>{@code
 * INDArray ll = mixture.logProb(x);          // [n], natural log of p(x_i)
 * double mean = ll.meanNumber().doubleValue();
 * }</pre>
 *
 * @param <D> the data the model scores (see {@link GenerativeModel})
 */
public interface DensityModel<D> {

    /**
     * The log-likelihood of each sample: exact for mixtures, HMMs and Bayesian networks, a lower bound or an
     * importance-weighted estimate for VAEs (the implementing class says which).
     *
     * @return {@code [n]}, one value per sample (per sequence for HMMs)
     */
    INDArray logProb(D data);

    /** The mean of {@link #logProb} over the samples: the usual model-comparison number. */
    default double meanLogProb(D data) {
        return logProb(data).meanNumber().doubleValue();
    }
}
