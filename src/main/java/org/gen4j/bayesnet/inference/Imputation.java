package org.gen4j.bayesnet.inference;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills the missing cells of cases (NaN codes) from a Bayesian network, given each row's observed cells: the most
 * probable joint state of the missing variables (max-product elimination), or a draw from their exact joint
 * posterior (each missing variable in turn from its posterior given the evidence and the draws so far: the chain
 * rule, so the joint draw is exact). Rows with the same observed cells share one most probable explanation.
 *
 * <pre>{@code
 * DiscreteTable filled = new Imputation(asia).mostProbable(rowsWithGaps);
 * DiscreteTable draw = new Imputation(asia).sample(rowsWithGaps, 1L);      // one multiply imputed copy
 * }</pre>
 */
public final class Imputation {
    private final BayesianNetwork network;
    private final VariableElimination exact;

    public Imputation(BayesianNetwork network) {
        this.network = network;
        this.exact = new VariableElimination(network);
    }

    /** Every row completed by the most probable states of its missing variables. */
    public DiscreteTable mostProbable(DiscreteTable rows) {
        return complete(rows, null);
    }

    /** Every row completed by a draw from the joint posterior of its missing variables. */
    public DiscreteTable sample(DiscreteTable rows, long seed) {
        return complete(rows, new Random(seed));
    }

    private DiscreteTable complete(DiscreteTable data, Random random) {
        DiscreteTable rows = data.reordered(network.variables());
        List<DiscreteVariable> variables = network.variables();
        double[][] codes = rows.codes().toDoubleMatrix();
        Map<Map<String, String>, Map<String, String>> explanations = new LinkedHashMap<>();
        for (int r = 0; r < codes.length; r++) {
            Map<String, String> evidence = new LinkedHashMap<>();
            for (int j = 0; j < variables.size(); j++) {
                if (!Double.isNaN(codes[r][j])) {
                    evidence.put(variables.get(j).name(), variables.get(j).state((int) codes[r][j]));
                }
            }
            if (evidence.size() == variables.size()) {
                continue;
            }
            Map<String, String> filled = random == null
                    ? explanations.computeIfAbsent(evidence, this::mostProbable)
                    : draw(evidence, random);
            for (int j = 0; j < variables.size(); j++) {
                codes[r][j] = variables.get(j).code(filled.get(variables.get(j).name()));
            }
        }
        return new DiscreteTable(Nd4j.createFromArray(codes), variables);
    }

    private Map<String, String> mostProbable(Map<String, String> evidence) {
        try {
            return exact.mostProbableExplanation(evidence).assignment();
        } catch (Gen4jException e) {
            throw new Gen4jException("cannot impute a row with " + evidence + ": " + e.getMessage());
        }
    }

    /** The chain rule: each missing variable from P(v | evidence, earlier draws). */
    private Map<String, String> draw(Map<String, String> evidence, Random random) {
        Map<String, String> known = new LinkedHashMap<>(evidence);
        for (DiscreteVariable v : network.variables()) {
            if (known.containsKey(v.name())) {
                continue;
            }
            Map<String, Double> posterior = exact.marginal(v.name(), known);
            double u = random.nextDouble();
            String chosen = null;
            for (Map.Entry<String, Double> state : posterior.entrySet()) {
                chosen = state.getKey();
                if ((u -= state.getValue()) < 0) {
                    break;
                }
            }
            known.put(v.name(), chosen);
        }
        return known;
    }
}
