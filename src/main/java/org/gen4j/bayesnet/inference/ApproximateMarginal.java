package org.gen4j.bayesnet.inference;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteVariable;
import org.gen4j.data.OneHot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A marginal estimated from samples, with its effective sample size (Kish: (Σw)² / Σw²; for correlated Gibbs
 * samples, the number of samples divided by the integrated autocorrelation time) and, for Markov chains, R-hat.
 *
 * @param probabilities state → estimated probability, in state order
 * @param rHat          Gelman and Rubin's R-hat over the chains (1 for independent samples)
 */
public record ApproximateMarginal(Map<String, Double> probabilities, double effectiveSampleSize, double rHat, String method) {
    /** Chains whose R-hat is above this have not converged (the usual threshold; Vehtari et al. 2021 suggest 1.01). */
    public static final double CONVERGED_R_HAT = 1.05;

    /** Whether the chains agree (always for independent samples). */
    public boolean converged() {
        return rHat <= CONVERGED_R_HAT;
    }

    /** From samples of the query's state and their log-weights. @param states {@code [n]} @param logWeights {@code [n]} */
    static ApproximateMarginal fromWeightedSamples(DiscreteVariable query, INDArray states, INDArray logWeights, String method) {
        double max = logWeights.maxNumber().doubleValue();
        if (max == Double.NEGATIVE_INFINITY) {
            throw new Gen4jException("every sample contradicts the evidence: it has probability 0, or too little for "
                    + "sampling to reach; use exact inference");
        }
        INDArray weights = Transforms.exp(logWeights.sub(max), false);                       // [n]
        INDArray perState = OneHot.rows(states, query.cardinality(), DataType.DOUBLE)
                .transpose().mmul(weights.reshape(weights.length(), 1));                      // [r, 1]
        double total = weights.sumNumber().doubleValue();
        double squares = weights.mul(weights).sumNumber().doubleValue();
        Map<String, Double> p = new LinkedHashMap<>();
        for (int s = 0; s < query.cardinality(); s++) {
            p.put(query.state(s), perState.getDouble(s) / total);
        }
        return new ApproximateMarginal(p, total * total / squares, 1.0, method);
    }
}
