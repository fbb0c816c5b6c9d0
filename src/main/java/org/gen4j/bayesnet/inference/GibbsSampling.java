package org.gen4j.bayesnet.inference;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Require;
import org.gen4j.data.DiscreteVariable;
import org.gen4j.distributions.KMeans;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Approximate inference by Gibbs sampling, many chains at once: every chain resamples each free variable from
 * its distribution given its Markov blanket, P(x | parents) Π_children P(child | its parents), computed for all
 * chains as one-hot products. Chains start from a likelihood-weighted forward sample, run a burn-in, then record
 * every sweep. The effective sample size is (chains · sweeps) / τ, with the autocorrelation time τ estimated from
 * the spread of the chain means.
 *
 * <pre>{@code
 * ApproximateMarginal m = new GibbsSampling(asia, 200, 500, 100, 3).marginal("lung", Map.of("xray", "yes"));
 * }</pre>
 */
public final class GibbsSampling {
    private final BayesianNetwork network;
    private final int chains;
    private final int sweeps;
    private final int burnIn;
    private final long seed;

    public GibbsSampling(BayesianNetwork network, int chains, int sweeps, int burnIn, long seed) {
        this.network = network;
        this.chains = Require.atLeast("chains", chains, 2);
        this.sweeps = Require.atLeast("sweeps", sweeps, 1);
        this.burnIn = Require.atLeast("burnIn", burnIn, 0);
        this.seed = seed;
    }

    public ApproximateMarginal marginal(String variable, Map<String, String> evidence) {
        Map<Integer, Integer> clamped = LikelihoodWeighting.clampedEvidence(network, variable, evidence);
        DiscreteVariable query = network.variable(variable);
        List<DiscreteVariable> variables = network.variables();
        int queryIndex = variables.indexOf(query);
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        INDArray codes = initialState(variables, clamped, random);                             // [chains, v]
        List<List<Integer>> children = childrenOf(variables);
        INDArray counts = Nd4j.zeros(DataType.DOUBLE, chains, query.cardinality());             // per chain, per state
        for (int sweep = 0; sweep < burnIn + sweeps; sweep++) {
            for (int j = 0; j < variables.size(); j++) {
                if (!clamped.containsKey(j)) {
                    codes.getColumn(j).assign(LikelihoodWeighting.Sampling.draw(blanketDistribution(j, codes, variables, children), random));
                }
            }
            if (sweep >= burnIn) {
                counts.addi(KMeans.oneHot(codes.getColumn(queryIndex), query.cardinality(), DataType.DOUBLE));
            }
        }
        INDArray chainMeans = counts.div(sweeps);                                                // [chains, r]
        INDArray overall = chainMeans.mean(0);                                                   // [r]
        double total = (double) chains * sweeps;
        double ess = total;
        for (int s = 0; s < query.cardinality(); s++) {
            double p = overall.getDouble(s);
            double between = chainMeans.getColumn(s).var(true, 0).getDouble(0);
            if (between > 0 && p > 0 && p < 1) {
                ess = Math.min(ess, Math.min(total, chains * p * (1 - p) / between));
            }
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int s = 0; s < query.cardinality(); s++) {
            probabilities.put(query.state(s), overall.getDouble(s));
        }
        return new ApproximateMarginal(probabilities, ess, "gibbs");
    }

    /** A forward sample with the evidence clamped (likelihood weighting's proposal), one per chain. */
    private INDArray initialState(List<DiscreteVariable> variables, Map<Integer, Integer> clamped, Random random) {
        INDArray codes = Nd4j.zeros(DataType.DOUBLE, chains, variables.size());
        for (int j = 0; j < variables.size(); j++) {
            Integer observed = clamped.get(j);
            if (observed != null) {
                codes.getColumn(j).assign(observed);
            } else {
                INDArray rows = LikelihoodWeighting.Sampling.rowsOfSamples(network.cpt(variables.get(j).name()), codes, variables);
                codes.getColumn(j).assign(LikelihoodWeighting.Sampling.draw(rows, random));
            }
        }
        return codes;
    }

    /** P(x_j = s | Markov blanket) up to a constant, for every chain and state. @return {@code [chains, r]} */
    private INDArray blanketDistribution(int j, INDArray codes, List<DiscreteVariable> variables, List<List<Integer>> children) {
        DiscreteVariable x = variables.get(j);
        INDArray logP = Transforms.log(LikelihoodWeighting.Sampling.rowsOfSamples(network.cpt(x.name()), codes, variables), false);
        INDArray saved = codes.getColumn(j).dup();
        for (int s = 0; s < x.cardinality(); s++) {
            codes.getColumn(j).assign(s);
            for (int c : children.get(j)) {
                ConditionalProbabilityTable cpt = network.cpt(variables.get(c).name());
                INDArray rows = LikelihoodWeighting.Sampling.rowsOfSamples(cpt, codes, variables);     // [chains, rc]
                INDArray own = KMeans.oneHot(codes.getColumn(c), variables.get(c).cardinality(), DataType.DOUBLE);
                logP.getColumn(s).addi(Transforms.log(rows.mul(own).sum(1), false));
            }
        }
        codes.getColumn(j).assign(saved);
        INDArray max = logP.max(true, 1);
        if (max.minNumber().doubleValue() == Double.NEGATIVE_INFINITY) {
            throw new Gen4jException("Gibbs sampling reached a state of probability 0 at '" + x.name() + "' (deterministic"
                    + " tables can trap the chains); use exact inference or likelihood weighting");
        }
        return Transforms.exp(logP.subColumnVector(max), false);
    }

    private List<List<Integer>> childrenOf(List<DiscreteVariable> variables) {
        List<List<Integer>> children = new ArrayList<>();
        for (int j = 0; j < variables.size(); j++) {
            children.add(new ArrayList<>());
        }
        for (int c = 0; c < variables.size(); c++) {
            for (DiscreteVariable p : network.cpt(variables.get(c).name()).parents()) {
                children.get(variables.indexOf(p)).add(c);
            }
        }
        return children;
    }
}
