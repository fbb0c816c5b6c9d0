package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks on HMM parameters, and drawing from a discrete distribution. */
final class HmmChecks {
    /** How far a row of probabilities may be from summing to 1 (files round their numbers). */
    static final double TOLERANCE = 1e-6;

    private HmmChecks() {
    }

    /** Every row non-negative and summing to 1; the message names the row. */
    static void requireStochasticRows(INDArray matrix, String what) {
        double[][] rows = matrix.toDoubleMatrix();
        for (int r = 0; r < rows.length; r++) {
            double sum = 0;
            for (double v : rows[r]) {
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new Gen4jException(what + ": row " + r + " has the value " + v + "; probabilities must be in [0, 1]");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > TOLERANCE) {
                throw new Gen4jException(what + ": row " + r + " sums to " + String.format("%.6g", sum) + ", not 1");
            }
        }
    }

    /** The index i with cumulative(i-1) <= u < cumulative(i). */
    static int draw(double[] probabilities, double uniform) {
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (uniform < cumulative) {
                return i;
            }
        }
        for (int i = probabilities.length - 1; i >= 0; i--) {
            if (probabilities[i] > 0) {
                return i;       // rounding left u above the last cumulative sum
            }
        }
        return probabilities.length - 1;
    }
}
