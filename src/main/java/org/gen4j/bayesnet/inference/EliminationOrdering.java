package org.gen4j.bayesnet.inference;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Greedy elimination orders on an undirected graph (a Bayesian network's moral graph), by one of three classic
 * heuristics, each with random tie-breaking restarts; the cheapest order wins. The cost of an order is known from
 * the graph alone, before any table exists: eliminating a variable creates a clique of it and its neighbours at
 * that moment, and the tables a junction tree allocates are those cliques.
 *
 * <pre>{@code
 * EliminationOrdering.Order order = EliminationOrdering.cheapest(adjacency, cardinalities, 4, 0L);
 * double entries = order.largestClique();     // the biggest table, in entries
 * }</pre>
 */
public final class EliminationOrdering {
    /** How the next variable to eliminate is chosen. */
    public enum Heuristic {
        /** Fewest edges added between its neighbours. */
        MIN_FILL,
        /** Smallest table created: the product of its and its neighbours' cardinalities. */
        MIN_WEIGHT,
        /** Fewest neighbours. */
        MIN_DEGREE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * An elimination order and what it costs.
     *
     * @param order         variable indices, first eliminated first
     * @param cliques       the clique each elimination creates, in that order (not all maximal)
     * @param totalEntries  Σ over those cliques of their table sizes
     * @param largestClique the largest of those table sizes
     */
    public record Order(Heuristic heuristic, int[] order, List<BitSet> cliques, double totalEntries, double largestClique) {
        /** Variables in the largest clique, minus one (the width of this order). */
        public int width() {
            return cliques.stream().mapToInt(BitSet::cardinality).max().orElse(1) - 1;
        }
    }

    private EliminationOrdering() {
    }

    /**
     * The cheapest order (fewest table entries in all, then the smallest largest table) among every heuristic run
     * once with ties broken by index and {@code restarts} times with ties broken at random.
     *
     * @param adjacency     one neighbour set per variable (symmetric; not modified)
     * @param cardinalities states per variable
     */
    public static Order cheapest(List<BitSet> adjacency, int[] cardinalities, int restarts, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Order best = null;
        for (Heuristic heuristic : Heuristic.values()) {
            for (int run = 0; run <= restarts; run++) {
                Order candidate = greedy(adjacency, cardinalities, heuristic, run == 0 ? null : random.split());
                if (best == null || candidate.totalEntries() < best.totalEntries()
                        || candidate.totalEntries() == best.totalEntries() && candidate.largestClique() < best.largestClique()) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    /** One greedy order of every variable; {@code random} null breaks ties by the lowest index. */
    public static Order greedy(List<BitSet> adjacency, int[] cardinalities, Heuristic heuristic, SplittableRandom random) {
        BitSet all = new BitSet();
        all.set(0, cardinalities.length);
        return greedy(adjacency, cardinalities, heuristic, random, all);
    }

    /**
     * One greedy order of the {@code eliminable} variables only (the others, such as query variables, stay);
     * {@code random} null breaks ties by the lowest index.
     */
    public static Order greedy(List<BitSet> adjacency, int[] cardinalities, Heuristic heuristic, SplittableRandom random,
                               BitSet eliminable) {
        int n = cardinalities.length;
        List<BitSet> graph = new ArrayList<>(n);
        for (BitSet neighbours : adjacency) {
            graph.add((BitSet) neighbours.clone());
        }
        double[] score = new double[n];
        for (int v = 0; v < n; v++) {
            score[v] = score(v, graph, cardinalities, heuristic);
        }
        BitSet remaining = (BitSet) eliminable.clone();
        int[] order = new int[remaining.cardinality()];
        List<BitSet> cliques = new ArrayList<>(order.length);
        double total = 0;
        double largest = 0;
        for (int step = 0; step < order.length; step++) {
            int next = pick(remaining, score, random);
            BitSet neighbours = graph.get(next);
            BitSet clique = (BitSet) neighbours.clone();
            clique.set(next);
            double entries = entries(clique, cardinalities);
            total += entries;
            largest = Math.max(largest, entries);
            order[step] = next;
            cliques.add(clique);
            // the neighbours become a clique (the fill-in edges), then the variable leaves the graph
            BitSet touched = (BitSet) neighbours.clone();
            for (int a = neighbours.nextSetBit(0); a >= 0; a = neighbours.nextSetBit(a + 1)) {
                graph.get(a).or(neighbours);
                graph.get(a).clear(a);
                graph.get(a).clear(next);
                if (heuristic == Heuristic.MIN_FILL) {
                    touched.or(graph.get(a));      // a new edge a–b changes the fill of every common neighbour
                }
            }
            remaining.clear(next);
            graph.set(next, new BitSet());
            touched.and(remaining);
            for (int u = touched.nextSetBit(0); u >= 0; u = touched.nextSetBit(u + 1)) {
                score[u] = score(u, graph, cardinalities, heuristic);
            }
        }
        return new Order(heuristic, order, cliques, total, largest);
    }

    /** Table entries of a set of variables (a double: bad orders overflow a long). */
    static double entries(BitSet variables, int[] cardinalities) {
        double entries = 1;
        for (int v = variables.nextSetBit(0); v >= 0; v = variables.nextSetBit(v + 1)) {
            entries *= cardinalities[v];
        }
        return entries;
    }

    private static double score(int v, List<BitSet> graph, int[] cardinalities, Heuristic heuristic) {
        BitSet neighbours = graph.get(v);
        return switch (heuristic) {
            case MIN_DEGREE -> neighbours.cardinality();
            case MIN_WEIGHT -> entries(neighbours, cardinalities) * cardinalities[v];
            case MIN_FILL -> {
                long missing = 0;
                for (int a = neighbours.nextSetBit(0); a >= 0; a = neighbours.nextSetBit(a + 1)) {
                    BitSet absent = (BitSet) neighbours.clone();
                    absent.andNot(graph.get(a));
                    absent.clear(0, a + 1);        // each pair once
                    missing += absent.cardinality();
                }
                yield missing;
            }
        };
    }

    /** The remaining variable with the lowest score; among equals the first, or one uniformly at random. */
    private static int pick(BitSet remaining, double[] score, SplittableRandom random) {
        int best = -1;
        int ties = 0;
        for (int v = remaining.nextSetBit(0); v >= 0; v = remaining.nextSetBit(v + 1)) {
            if (best < 0 || score[v] < score[best]) {
                best = v;
                ties = 1;
            } else if (score[v] == score[best] && random != null && random.nextInt(++ties) == 0) {
                best = v;                          // reservoir sampling: each tied variable equally likely
            }
        }
        return best;
    }
}
