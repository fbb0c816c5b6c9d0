package org.gen4j.hmm;

import org.gen4j.core.ModelArchive;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What each hidden state emits. The HMM core (forward–backward, Viterbi, Baum–Welch) knows only this interface
 * (hmmlearn's split): an emission supplies its log-likelihoods, accumulates posterior-weighted statistics and
 * re-estimates itself from them. A new emission type needs only these.
 */
public interface Emission {

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

    /** Free parameters, for BIC and AIC. */
    long parameterCount();

    /** Writes the parameters (with {@link #kind()}) for {@link org.gen4j.core.ModelIO}. */
    void write(ModelArchive.Writer archive);

    /** Posterior-weighted sufficient statistics, summable over batches of sequences. */
    interface Accumulator {
        /**
         * @param x     {@code [N, d]} observations (padding rows allowed where the weights are zero)
         * @param gamma {@code [N, K]} state posteriors
         */
        void add(INDArray x, INDArray gamma);

        /** The M-step: the emission that maximises the expected log-likelihood of what was added. */
        Emission maximize();
    }
}
