package org.gen4j.bayesnet;

import org.gen4j.data.DiscreteVariable;

import java.util.List;
import java.util.Map;

/** Brute force over every joint assignment, in plain Java: the reference exact inference must equal. */
final class Enumeration {
    private final List<DiscreteVariable> variables;
    private final int[][] parents;         // per variable, the indices of its parents
    private final double[][] tables;       // per variable, its CPT flattened (parents slowest, child fastest)

    Enumeration(BayesianNetwork network) {
        variables = network.variables();
        parents = new int[variables.size()][];
        tables = new double[variables.size()][];
        for (int j = 0; j < variables.size(); j++) {
            ConditionalProbabilityTable cpt = network.cpt(variables.get(j).name());
            parents[j] = cpt.parents().stream().mapToInt(variables::indexOf).toArray();
            tables[j] = cpt.values().reshape(cpt.values().length()).toDoubleVector();
        }
    }

    /** P(assignment) as the product of one entry per table. */
    double joint(int[] assignment) {
        double p = 1;
        for (int j = 0; j < variables.size(); j++) {
            int row = 0;
            for (int parent : parents[j]) {
                row = row * variables.get(parent).cardinality() + assignment[parent];
            }
            p *= tables[j][row * variables.get(j).cardinality() + assignment[j]];
        }
        return p;
    }

    /** Unnormalised P(query = s, evidence) for every state s of the query variable. */
    double[] unnormalised(String query, Map<String, String> evidence) {
        int q = indexOf(query);
        double[] out = new double[variables.get(q).cardinality()];
        int[] fixed = new int[variables.size()];
        java.util.Arrays.fill(fixed, -1);
        evidence.forEach((name, state) -> fixed[indexOf(name)] = variables.get(indexOf(name)).code(state));
        int[] assignment = new int[variables.size()];
        walk(0, assignment, fixed, q, out);
        return out;
    }

    private void walk(int j, int[] assignment, int[] fixed, int q, double[] out) {
        if (j == variables.size()) {
            out[assignment[q]] += joint(assignment);
            return;
        }
        if (fixed[j] >= 0) {
            assignment[j] = fixed[j];
            walk(j + 1, assignment, fixed, q, out);
            return;
        }
        for (int s = 0; s < variables.get(j).cardinality(); s++) {
            assignment[j] = s;
            walk(j + 1, assignment, fixed, q, out);
        }
    }

    private int indexOf(String name) {
        for (int j = 0; j < variables.size(); j++) {
            if (variables.get(j).name().equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
