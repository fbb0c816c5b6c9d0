package org.gen4j.bayesnet.inference;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Require;
import org.gen4j.data.DiscreteVariable;
import org.gen4j.data.OneHot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Approximate inference by likelihood weighting: forward samples with the evidence clamped, each weighted by
 * the probability of the evidence given its sampled parents; all samples drawn at once, variable by variable, as
 * one-hot products. Reports Kish's effective sample size (Σw)² / Σw², which falls when the evidence is unlikely.
 *
 * <pre>{@code
 * ApproximateMarginal m = new LikelihoodWeighting(child, 100_000, 7).marginal("Disease", Map.of("LowerBodyO2", "<5"));
 * }</pre>
 */
public final class LikelihoodWeighting {
    private final BayesianNetwork network;
    private final int samples;
    private final long seed;

    public LikelihoodWeighting(BayesianNetwork network, int samples, long seed) {
        this.network = network;
        this.samples = Require.atLeast("samples", samples, 1);
        this.seed = seed;
    }

    public ApproximateMarginal marginal(String variable, Map<String, String> evidence) {
        Map<Integer, Integer> clamped = clampedEvidence(network, variable, evidence);
        DiscreteVariable query = network.variable(variable);
        List<DiscreteVariable> variables = network.variables();
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        INDArray codes = Nd4j.zeros(DataType.DOUBLE, samples, variables.size());
        INDArray logWeights = Nd4j.zeros(DataType.DOUBLE, samples);
        for (int j = 0; j < variables.size(); j++) {
            ConditionalProbabilityTable cpt = network.cpt(variables.get(j).name());
            INDArray rows = Sampling.rowsOfSamples(cpt, codes, variables);                 // [n, r]
            Integer observed = clamped.get(j);
            if (observed != null) {
                codes.getColumn(j).assign(observed);
                logWeights.addi(org.nd4j.linalg.ops.transforms.Transforms.log(rows.getColumn(observed).dup(), false));
            } else {
                codes.getColumn(j).assign(Sampling.draw(rows, random));
            }
        }
        return ApproximateMarginal.fromWeightedSamples(query, codes.getColumn(variables.indexOf(query)), logWeights, "likelihood weighting");
    }

    /**
     * The evidence as variable index → state code, after checking the query is not also observed.
     *
     * @return in the order of {@code network.variables()}
     */
    static Map<Integer, Integer> clampedEvidence(BayesianNetwork network, String query, Map<String, String> evidence) {
        network.variable(query);
        if (evidence.containsKey(query)) {
            throw new Gen4jException("'" + query + "' is both queried and given as evidence");
        }
        List<DiscreteVariable> variables = network.variables();
        Map<Integer, Integer> clamped = new LinkedHashMap<>();
        evidence.forEach((name, state) -> clamped.put(variables.indexOf(network.variable(name)), network.variable(name).code(state)));
        return clamped;
    }

    /** Shared sampling steps: the table row of every sample, and a draw from rows of probabilities. */
    static final class Sampling {
        private Sampling() {
        }

        /** Each sample's distribution over the variable given its sampled parents. @return {@code [n, r]} */
        static INDArray rowsOfSamples(ConditionalProbabilityTable cpt, INDArray codes, List<DiscreteVariable> variables) {
            INDArray configuration = Nd4j.zeros(DataType.DOUBLE, codes.rows());
            for (DiscreteVariable p : cpt.parents()) {
                configuration.muli(p.cardinality()).addi(codes.getColumn(variables.indexOf(p)));
            }
            return OneHot.rows(configuration, cpt.parentConfigurations(), DataType.DOUBLE).mmul(cpt.rows());
        }

        /** One state per row of {@code probabilities} {@code [n, r]} (rows need not be normalised). @return {@code [n]} */
        static INDArray draw(INDArray probabilities, Random random) {
            long n = probabilities.rows();
            int r = (int) probabilities.columns();
            double[][] upper = new double[r][r];
            for (int i = 0; i < r; i++) {
                for (int k = i; k < r; k++) {
                    upper[i][k] = 1;
                }
            }
            INDArray cumulative = probabilities.mmul(Nd4j.createFromArray(upper));             // running sums
            INDArray threshold = Nd4j.rand(random, n, 1).castTo(DataType.DOUBLE).muli(cumulative.getColumn(r - 1).reshape(n, 1));
            INDArray drawn = cumulative.lt(threshold.broadcast(n, r)).castTo(DataType.DOUBLE).sum(1);
            return org.nd4j.linalg.ops.transforms.Transforms.min(drawn, r - 1, false);
        }
    }
}
