package org.gen4j.data;

import org.gen4j.core.Gen4jException;

/**
 * Checks the weights of rows or sequences (how many cases each stands for) before a weighted fit, with one message
 * for every family: one weight per item, finite and not negative.
 *
 * <pre>{@code
 * double[] w = Weights.checked(sampleWeights, x.rows(), "row");
 * }</pre>
 */
public final class Weights {
    private Weights() {
    }

    /**
     * @param unit what is weighted, singular: "row" or "sequence"
     * @return a copy of the weights, safe to keep
     */
    public static double[] checked(double[] weights, long count, String unit) {
        if (weights.length != count) {
            throw new Gen4jException(weights.length + " weights for " + count + " " + unit + "s");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new Gen4jException(unit + " " + i + " has the weight " + weights[i] + " (weights are finite and not negative)");
            }
        }
        return weights.clone();
    }

    /** How many of the weights are above 0. */
    public static int positive(double[] weights) {
        int positive = 0;
        for (double w : weights) {
            positive += w > 0 ? 1 : 0;
        }
        return positive;
    }
}
