package org.gen4j.bayesnet.structure;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.core.Provenance;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learned structure: the parents of each variable (by index into {@code variables}) and its score.
 *
 * @param parents per variable, its parents' indices, sorted
 */
public record Dag(List<DiscreteVariable> variables, List<int[]> parents, double score) {

    public Dag {
        variables = List.copyOf(variables);
        List<int[]> copy = new ArrayList<>();
        for (int[] p : parents) {
            int[] sorted = p.clone();
            Arrays.sort(sorted);
            copy.add(sorted);
        }
        parents = List.copyOf(copy);
    }

    /** The directed edges as (parent name, child name). */
    public List<String[]> edges() {
        List<String[]> edges = new ArrayList<>();
        for (int v = 0; v < parents.size(); v++) {
            for (int p : parents.get(v)) {
                edges.add(new String[]{variables.get(p).name(), variables.get(v).name()});
            }
        }
        return edges;
    }

    /** A network with this structure and tables estimated from the data. */
    public BayesianNetwork fit(DiscreteTable data, ParameterEstimator estimator, Map<String, Object> searchSettings) {
        List<ConditionalProbabilityTable> tables = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            List<DiscreteVariable> ps = Arrays.stream(parents.get(v)).mapToObj(variables::get).toList();
            tables.add(estimator.estimate(variables.get(v), ps, data));
        }
        Map<String, Object> hyper = new LinkedHashMap<>(searchSettings);
        hyper.put("score", score);
        return new BayesianNetwork(tables, Provenance.now("structure search", hyper, data.toString(),
                variables.stream().map(DiscreteVariable::name).toList()));
    }

    /**
     * A network with this structure and tables estimated from its families' counts ({@link #families()}, counted
     * anywhere: one request to a {@link CountSource}); equals {@link #fit(DiscreteTable, ParameterEstimator, Map)}
     * on the same rows.
     */
    public BayesianNetwork fit(List<double[][]> familyCounts, String data, ParameterEstimator estimator,
                               Map<String, Object> searchSettings) {
        List<ConditionalProbabilityTable> tables = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            List<DiscreteVariable> ps = Arrays.stream(parents.get(v)).mapToObj(variables::get).toList();
            tables.add(estimator.fromCounts(variables.get(v), ps, org.nd4j.linalg.factory.Nd4j.createFromArray(familyCounts.get(v))));
        }
        Map<String, Object> hyper = new LinkedHashMap<>(searchSettings);
        hyper.put("score", score);
        return new BayesianNetwork(tables, Provenance.now("structure search", hyper, data,
                variables.stream().map(DiscreteVariable::name).toList()));
    }

    /** Each variable's family, in the order of {@link #variables()}. */
    public List<CountSource.Family> families() {
        List<CountSource.Family> families = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            families.add(new CountSource.Family(v, parents.get(v)));
        }
        return families;
    }

    /**
     * The log-likelihood of the counted cases under a network of this structure: Σ count × log θ over every
     * family's table, from the same counts the tables came from (no pass of its own over cases held elsewhere).
     */
    public double logLikelihood(BayesianNetwork network, List<double[][]> familyCounts) {
        double total = 0;
        for (int v = 0; v < variables.size(); v++) {
            double[][] theta = network.cpt(variables.get(v).name()).rows().toDoubleMatrix();
            double[][] n = familyCounts.get(v);
            for (int row = 0; row < n.length; row++) {
                for (int state = 0; state < n[row].length; state++) {
                    if (n[row][state] > 0) {
                        total += n[row][state] * Math.log(theta[row][state]);
                    }
                }
            }
        }
        return total;
    }
}
