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
}
