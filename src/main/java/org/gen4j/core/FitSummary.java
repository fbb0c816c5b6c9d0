package org.gen4j.core;

import java.util.Arrays;

/**
 * How an iterative fit (EM, Baum–Welch) went.
 *
 * @param converged  whether the objective changed by less than the tolerance before the iteration limit
 * @param iterations iterations of the best run
 * @param finalValue the objective at the last iteration: the mean log-likelihood per sample for mixtures, the
 *                   total log-likelihood for hidden Markov models
 * @param history    the objective after each iteration of the best run
 */
public record FitSummary(boolean converged, int iterations, double finalValue, double[] history) implements java.io.Serializable {
    /** For models built from given parameters. */
    public static final FitSummary NOT_FITTED = new FitSummary(false, 0, Double.NaN, new double[0]);

    public FitSummary {
        history = history.clone();
    }

    @Override
    public double[] history() {
        return history.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FitSummary f && converged == f.converged && iterations == f.iterations
                && Double.compare(finalValue, f.finalValue) == 0 && Arrays.equals(history, f.history);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(history) + iterations;
    }

    @Override
    public String toString() {
        return (converged ? "converged" : "not converged") + " after " + iterations + " iterations, final " + finalValue;
    }
}
