package org.gen4j.hmm;

import org.gen4j.core.ModelArchive;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What each hidden state emits. The HMM core (forward–backward, Viterbi, Baum–Welch) knows only this interface
 * (hmmlearn's split): an emission supplies its log-likelihoods, accumulates posterior-weighted statistics and
 * re-estimates itself from them. A new emission type needs only these.
 */
public interface Emission extends java.io.Serializable {

    /** The name stored in model files and shown on the command line: gaussian, categorical, poisson. */
    String kind();

    int states();

    /** d, the number of columns of one observation. */
    int dimensions();

    /**
     * log p(x_n | state k) for every observation and state, as whole-tensor operations.
     *
     * @param x {@code [N, d]}
     * @return {@code [N, K]}
     */
    INDArray logLikelihood(INDArray x);

    /**
     * The observations in the layout this emission computes with, made once and reused by every Baum–Welch
     * iteration (Gaussian emissions keep their second-order features). By default, the raw observations.
     */
    default Observations prepare(INDArray x) {
        return new Observations(x, null);
    }

    /** {@link #logLikelihood(INDArray)} of prepared observations. */
    default INDArray logLikelihood(Observations observations) {
        return logLikelihood(observations.raw());
    }

    /**
     * Observations and, optionally, a layout an emission prepared for them.
     *
     * @param raw    {@code [N, d]}
     * @param layout emission-specific, or null
     */
    record Observations(INDArray raw, Object layout) {
    }

    /** Rejects observations this emission cannot score (wrong width, unknown symbols, negative counts). */
    void check(INDArray x);

    /** A fresh accumulator for one Baum–Welch pass. */
    Accumulator accumulator();

    /**
     * Draws one observation for each given state.
     *
     * @return {@code [n, d]}
     */
    INDArray sample(int[] states, long seed);

    /**
     * Each step's missing values (NaN) replaced by their expectation given all the sequence's observations, from
     * the state posteriors: Σ_k p(z_t = k | x) E[x_t,M | x_t,O, k]; a categorical step gets its most probable symbol.
     *
     * @param steps      {@code [T][d]}, NaN where missing
     * @param posteriors {@code [T][K]} p(z_t = k | x)
     * @return a completed copy
     */
    default double[][] imputeExpected(double[][] steps, double[][] posteriors) {
        throw new org.gen4j.core.Gen4jException(kind() + " emissions cannot fill missing values");
    }

    /**
     * Each step's missing values drawn from the emission of its (drawn) state, given the step's observed values.
     *
     * @param states {@code [T]}, drawn from p(z | x)
     * @return a completed copy
     */
    default double[][] imputeDrawn(double[][] steps, int[] states, java.util.Random random) {
        throw new org.gen4j.core.Gen4jException(kind() + " emissions cannot fill missing values");
    }

    /** Free parameters, for BIC and AIC. */
    long parameterCount();

    /** Writes the parameters (with {@link #kind()}) for {@link org.gen4j.core.ModelIO}. */
    void write(ModelArchive.Writer archive);

    /** Posterior-weighted sufficient statistics, summable over batches of sequences. */
    interface Accumulator extends java.io.Serializable {
        /**
         * @param observations {@code [N, d]} observations, possibly prepared by {@link Emission#prepare}
         * @param gamma        {@code [N, K]} state posteriors
         */
        void add(Observations observations, INDArray gamma);

        /** Adds the statistics of another part of the data, summed elsewhere by an accumulator of the same emission. */
        void merge(Accumulator other);

        /** The M-step: the emission that maximises the expected log-likelihood of what was added. */
        Emission maximize();
    }
}
