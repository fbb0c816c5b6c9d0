package org.gen4j.bayesnet;

import org.gen4j.core.Provenance;
import org.gen4j.core.Require;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random networks for tests and benchmarks: variables v00, v01, ... in a random topological order, each with up to
 * {@code maxParents} parents among the earlier ones, 2 to {@code maxStates} states, and table rows drawn from a
 * flat Dirichlet distribution.
 *
 * <pre>{@code
 * BayesianNetwork big = RandomNetworks.generate(50, 3, 3, 7);
 * }</pre>
 */
public final class RandomNetworks {
    private RandomNetworks() {
    }

    public static BayesianNetwork generate(int variables, int maxParents, int maxStates, long seed) {
        Require.atLeast("variables", variables, 1);
        Require.atLeast("maxParents", maxParents, 0);
        Require.atLeast("maxStates", maxStates, 2);
        Random random = new Random(seed);
        List<DiscreteVariable> nodes = new ArrayList<>();
        for (int i = 0; i < variables; i++) {
            int k = 2 + random.nextInt(maxStates - 1);
            List<String> states = new ArrayList<>();
            for (int s = 0; s < k; s++) {
                states.add("s" + s);
            }
            nodes.add(new DiscreteVariable(String.format("v%02d", i), states));
        }
        List<ConditionalProbabilityTable> tables = new ArrayList<>();
        for (int i = 0; i < variables; i++) {
            List<Integer> earlier = new ArrayList<>();
            for (int j = Math.max(0, i - 10); j < i; j++) {
                earlier.add(j);                                  // nearby parents keep the treewidth moderate
            }
            Collections.shuffle(earlier, random);
            int count = Math.min(earlier.size(), random.nextInt(maxParents + 1));
            List<DiscreteVariable> parents = new ArrayList<>();
            for (int p : earlier.subList(0, count).stream().sorted().toList()) {
                parents.add(nodes.get(p));
            }
            DiscreteVariable child = nodes.get(i);
            int q = parents.stream().mapToInt(DiscreteVariable::cardinality).reduce(1, (a, b) -> a * b);
            double[][] rows = new double[q][child.cardinality()];
            for (double[] row : rows) {
                double total = 0;
                for (int s = 0; s < row.length; s++) {
                    row[s] = -Math.log(1 - random.nextDouble());         // Exponential(1): a flat Dirichlet once normalised
                    total += row[s];
                }
                for (int s = 0; s < row.length; s++) {
                    row[s] /= total;
                }
            }
            long[] shape = new long[parents.size() + 1];
            for (int p = 0; p < parents.size(); p++) {
                shape[p] = parents.get(p).cardinality();
            }
            shape[parents.size()] = child.cardinality();
            tables.add(new ConditionalProbabilityTable(child, parents, Nd4j.createFromArray(rows).reshape(shape)));
        }
        return new BayesianNetwork(tables, Provenance.now(RandomNetworks.class.getName(),
                Map.of("variables", variables, "maxParents", maxParents, "maxStates", maxStates, "seed", seed), "generated",
                nodes.stream().map(DiscreteVariable::name).toList()));
    }
}
