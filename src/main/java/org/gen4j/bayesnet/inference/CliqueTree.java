package org.gen4j.bayesnet.inference;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.data.DiscreteVariable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a junction tree, without its tables: the maximal cliques of the triangulated moral graph that an
 * elimination order gives, joined by a maximum-weight spanning tree on separator sizes (which has the running
 * intersection property for such cliques), rooted at clique 0. Its size in bytes is known here, so a caller can
 * refuse a network before allocating anything.
 *
 * <pre>{@code
 * CliqueTree shape = CliqueTree.of(network, 4, 0L);
 * System.out.println(shape.largestCliqueEntries() + " entries, " + shape.bytes() + " bytes");
 * }</pre>
 */
public final class CliqueTree {
    /** Java arrays index with an int: no clique table may be larger. */
    static final double MAX_TABLE_ENTRIES = Integer.MAX_VALUE - 16;

    final List<DiscreteVariable> variables;
    final int[] cardinalities;            // per network variable
    final int[][] cliques;                // network indices per clique, ascending
    final int[] parent;                   // per clique; -1 for the root
    final int[][] separators;             // per clique: its variables shared with its parent (empty for the root)
    final int[] traversal;                // breadth-first from the root: parents before children
    final int[] home;                     // per variable: the smallest clique that holds it
    final int[] familyClique;             // per network variable: the clique its CPT multiplies into
    private final EliminationOrdering.Order order;

    private CliqueTree(BayesianNetwork network, EliminationOrdering.Order order, int[] cardinalities) {
        this.variables = network.variables();
        this.cardinalities = cardinalities;
        this.order = order;
        this.cliques = maximal(order).stream().map(c -> c.stream().toArray()).toArray(int[][]::new);
        this.parent = new int[cliques.length];
        this.separators = new int[cliques.length][];
        this.traversal = spanningTree();
        this.home = new int[variables.size()];
        this.familyClique = new int[variables.size()];
        Map<String, Integer> index = indexByName(variables);
        for (int v = 0; v < variables.size(); v++) {
            home[v] = smallestHolding(new int[]{v});
            ConditionalProbabilityTable cpt = network.cpt(variables.get(v).name());
            int[] family = new int[cpt.parents().size() + 1];
            for (int p = 0; p < cpt.parents().size(); p++) {
                family[p] = index.get(cpt.parents().get(p).name());
            }
            family[family.length - 1] = v;
            familyClique[v] = smallestHolding(family);
        }
    }

    /** The tree from the cheapest order that {@link EliminationOrdering#cheapest} finds with these restarts. */
    public static CliqueTree of(BayesianNetwork network, int restarts, long seed) {
        List<DiscreteVariable> variables = network.variables();
        int[] cardinalities = variables.stream().mapToInt(DiscreteVariable::cardinality).toArray();
        return new CliqueTree(network, EliminationOrdering.cheapest(moralGraph(network), cardinalities, restarts, seed), cardinalities);
    }

    /** The tree from one heuristic's order, ties broken by index (to cross-check answers across trees). */
    public static CliqueTree of(BayesianNetwork network, EliminationOrdering.Heuristic heuristic) {
        List<DiscreteVariable> variables = network.variables();
        int[] cardinalities = variables.stream().mapToInt(DiscreteVariable::cardinality).toArray();
        return new CliqueTree(network, EliminationOrdering.greedy(moralGraph(network), cardinalities, heuristic, null), cardinalities);
    }

    /** Each variable joined to its parents, and the parents of each variable to each other. */
    static List<BitSet> moralGraph(BayesianNetwork network) {
        List<DiscreteVariable> variables = network.variables();
        Map<String, Integer> index = indexByName(variables);
        List<BitSet> graph = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            graph.add(new BitSet(variables.size()));
        }
        for (ConditionalProbabilityTable cpt : network.cpts()) {
            List<Integer> family = new ArrayList<>();
            family.add(index.get(cpt.child().name()));
            cpt.parents().forEach(p -> family.add(index.get(p.name())));
            for (int a : family) {
                for (int b : family) {
                    if (a != b) {
                        graph.get(a).set(b);
                    }
                }
            }
        }
        return graph;
    }

    public EliminationOrdering.Heuristic heuristic() {
        return order.heuristic();
    }

    /** The order the cliques came from: network variable indices, first eliminated first. */
    public int[] eliminationOrder() {
        return order.order().clone();
    }

    public int cliqueCount() {
        return cliques.length;
    }

    /** Entries of the largest clique table. */
    public double largestCliqueEntries() {
        double largest = 0;
        for (int[] clique : cliques) {
            largest = Math.max(largest, entries(clique));
        }
        return largest;
    }

    /** Variables in the largest clique (treewidth + 1 of this triangulation). */
    public int largestCliqueVariables() {
        int largest = 0;
        for (int[] clique : cliques) {
            largest = Math.max(largest, clique.length);
        }
        return largest;
    }

    /** What calibration holds at once: the initial and the working clique tables, and one message per separator. */
    public double bytes() {
        double entries = 0;
        for (int c = 0; c < cliques.length; c++) {
            entries += 2 * entries(cliques[c]) + entries(separators[c]);
        }
        return entries * Double.BYTES;
    }

    double entries(int[] scope) {
        double entries = 1;
        for (int v : scope) {
            entries *= cardinalities[v];
        }
        return entries;
    }

    /** The elimination cliques that no other contains (a clique can only sit inside one formed earlier). */
    private static List<BitSet> maximal(EliminationOrdering.Order order) {
        List<BitSet> kept = new ArrayList<>();
        for (BitSet clique : order.cliques()) {
            boolean inside = false;
            for (BitSet earlier : kept) {
                BitSet rest = (BitSet) clique.clone();
                rest.andNot(earlier);
                if (rest.isEmpty()) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                kept.add(clique);
            }
        }
        return kept;
    }

    /**
     * Kruskal on every pair of cliques, heaviest shared set first (empty ones join separate components), then a
     * breadth-first walk from clique 0 that fixes parents and separators.
     */
    private int[] spanningTree() {
        int m = cliques.length;
        List<BitSet> sets = new ArrayList<>();
        for (int[] clique : cliques) {
            BitSet set = new BitSet();
            for (int v : clique) {
                set.set(v);
            }
            sets.add(set);
        }
        List<int[]> pairs = new ArrayList<>();       // {a, b, shared}
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                BitSet shared = (BitSet) sets.get(a).clone();
                shared.and(sets.get(b));
                pairs.add(new int[]{a, b, shared.cardinality()});
            }
        }
        pairs.sort(Comparator.comparingInt((int[] p) -> -p[2]).thenComparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
        int[] component = new int[m];
        for (int c = 0; c < m; c++) {
            component[c] = c;
        }
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            neighbours.add(new ArrayList<>());
        }
        int joined = 0;
        for (int[] pair : pairs) {
            int ra = find(component, pair[0]);
            int rb = find(component, pair[1]);
            if (ra != rb) {
                component[ra] = rb;
                neighbours.get(pair[0]).add(pair[1]);
                neighbours.get(pair[1]).add(pair[0]);
                if (++joined == m - 1) {
                    break;
                }
            }
        }
        int[] traversal = new int[m];
        boolean[] seen = new boolean[m];
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
        seen[0] = true;
        parent[0] = -1;
        separators[0] = new int[0];
        int next = 0;
        while (!queue.isEmpty()) {
            int c = queue.poll();
            traversal[next++] = c;
            for (int child : neighbours.get(c)) {
                if (!seen[child]) {
                    seen[child] = true;
                    parent[child] = c;
                    BitSet shared = (BitSet) sets.get(child).clone();
                    shared.and(sets.get(c));
                    separators[child] = shared.stream().toArray();
                    queue.add(child);
                }
            }
        }
        return traversal;
    }

    private static int find(int[] component, int c) {
        while (component[c] != c) {
            component[c] = component[component[c]];
            c = component[c];
        }
        return c;
    }

    /** The clique with the fewest entries that holds every given variable (the moral graph guarantees one). */
    private int smallestHolding(int[] wanted) {
        int best = -1;
        for (int c = 0; c < cliques.length; c++) {
            if (holds(cliques[c], wanted) && (best < 0 || entries(cliques[c]) < entries(cliques[best]))) {
                best = c;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no clique holds the family " + java.util.Arrays.toString(wanted));
        }
        return best;
    }

    private static boolean holds(int[] clique, int[] wanted) {
        for (int w : wanted) {
            if (java.util.Arrays.binarySearch(clique, w) < 0) {
                return false;
            }
        }
        return true;
    }

    static Map<String, Integer> indexByName(List<DiscreteVariable> variables) {
        Map<String, Integer> index = new HashMap<>();
        for (int v = 0; v < variables.size(); v++) {
            index.put(variables.get(v).name(), v);
        }
        return index;
    }
}
