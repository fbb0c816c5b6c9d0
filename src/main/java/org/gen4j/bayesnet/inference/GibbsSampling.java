package org.gen4j.bayesnet.inference;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Require;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Approximate inference by blocked Gibbs sampling, many chains at once. Each sweep resamples every block of free
 * variables from its distribution given the rest, Π_{v in block} P(v | parents) Π_{children c} P(c | parents),
 * enumerated over the block's joint states.
 *
 * <p>Why blocks: a table with zeros (a deterministic node such as asia's {@code either = tub or lung}) ties
 * variables together so that changing one at a time never leaves a state, and single-site chains stay where they
 * started (asia, lung given xray and smoke: 0.05 for an exact 0.646). A variable whose table has a zero is
 * therefore resampled together with its free parents (overlapping groups merge); a block of more than
 * {@link #MAX_BLOCK_STATES} joint states is refused with the reason.
 *
 * <p>Chains start from forward samples consistent with the evidence, run a burn-in, then record every sweep. The
 * tables are small, so the sweeps run in plain Java over every chain (ND4J's per-operation cost dominated them).
 * The result carries Gelman and Rubin's R-hat over the chains (the largest over the query's states): chains that
 * disagree give R-hat above {@link ApproximateMarginal#CONVERGED_R_HAT}, and the answer says it has not converged.
 * The effective sample size is (chains · sweeps) / τ, τ estimated from the spread of the chain means.
 *
 * <pre>{@code
 * ApproximateMarginal m = new GibbsSampling(asia, 200, 500, 100, 3).marginal("lung", Map.of("xray", "yes"));
 * if (!m.converged()) { ... }
 * }</pre>
 */
public final class GibbsSampling {
    /** Joint states of one block at most: each sweep scores every one of them for every chain. */
    static final int MAX_BLOCK_STATES = 4096;
    /** Forward draws per chain to find a start the evidence allows. */
    private static final int START_ATTEMPTS = 1000;

    private final BayesianNetwork network;
    private final int chains;
    private final int sweeps;
    private final int burnIn;
    private final long seed;

    public GibbsSampling(BayesianNetwork network, int chains, int sweeps, int burnIn, long seed) {
        this.network = network;
        this.chains = Require.atLeast("chains", chains, 2);
        this.sweeps = Require.atLeast("sweeps", sweeps, 2);
        this.burnIn = Require.atLeast("burnIn", burnIn, 0);
        this.seed = seed;
    }

    public ApproximateMarginal marginal(String variable, Map<String, String> evidence) {
        Map<Integer, Integer> clamped = LikelihoodWeighting.clampedEvidence(network, variable, evidence);
        DiscreteVariable query = network.variable(variable);
        List<DiscreteVariable> variables = network.variables();
        int queryIndex = variables.indexOf(query);
        Tables tables = new Tables(network, variables);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<Block> blocks = blocks(variables, clamped, tables);
        int[][] codes = initialState(tables, clamped, random);                                  // [chains][v]
        int[][] visits = new int[chains][query.cardinality()];                                 // per chain, per state
        for (int sweep = 0; sweep < burnIn + sweeps; sweep++) {
            for (Block block : blocks) {
                block.resample(codes, random);
            }
            if (sweep >= burnIn) {
                for (int c = 0; c < chains; c++) {
                    visits[c][codes[c][queryIndex]]++;
                }
            }
        }
        double[][] chainMeans = new double[chains][query.cardinality()];
        for (int c = 0; c < chains; c++) {
            for (int s = 0; s < query.cardinality(); s++) {
                chainMeans[c][s] = visits[c][s] / (double) sweeps;
            }
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int s = 0; s < query.cardinality(); s++) {
            double p = 0;
            for (double[] chain : chainMeans) {
                p += chain[s] / chains;
            }
            probabilities.put(query.state(s), p);
        }
        return new ApproximateMarginal(probabilities, effectiveSampleSize(chainMeans), ConvergenceDiagnostics.rHat(chainMeans, sweeps), "gibbs");
    }

    /** (chains · sweeps) / τ with τ from the spread of the chain means, the smallest over the states. */
    private double effectiveSampleSize(double[][] chainMeans) {
        double total = (double) chains * sweeps, ess = total;
        for (int s = 0; s < chainMeans[0].length; s++) {
            double mean = 0, squares = 0;
            for (double[] chain : chainMeans) {
                mean += chain[s] / chains;
            }
            for (double[] chain : chainMeans) {
                squares += (chain[s] - mean) * (chain[s] - mean);
            }
            double between = squares / (chains - 1);
            if (between > 0 && mean > 0 && mean < 1) {
                ess = Math.min(ess, Math.min(total, chains * mean * (1 - mean) / between));
            }
        }
        return ess;
    }

    /** Groups of free variables resampled together (see the class comment), then every other free variable alone. */
    private List<Block> blocks(List<DiscreteVariable> variables, Map<Integer, Integer> clamped, Tables tables) {
        int n = variables.size();
        int[] group = new int[n];
        for (int j = 0; j < n; j++) {
            group[j] = j;
        }
        for (int v = 0; v < n; v++) {
            if (!tables.hasZero(v)) {
                continue;                                      // no zeros: single-site moves reach every state
            }
            int anchor = clamped.containsKey(v) ? -1 : v;
            for (int p : tables.parents[v]) {
                if (clamped.containsKey(p)) {
                    continue;
                }
                if (anchor < 0) {
                    anchor = p;
                } else {
                    union(group, anchor, p);
                }
            }
        }
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int j = 0; j < n; j++) {
            if (!clamped.containsKey(j)) {
                members.computeIfAbsent(find(group, j), k -> new ArrayList<>()).add(j);
            }
        }
        List<List<Integer>> children = childrenOf(variables);
        List<Block> blocks = new ArrayList<>();
        for (List<Integer> block : members.values()) {
            blocks.add(new Block(block, variables, children, tables));
        }
        return blocks;
    }

    private static int find(int[] group, int j) {
        while (group[j] != j) {
            group[j] = group[group[j]];
            j = group[j];
        }
        return j;
    }

    private static void union(int[] group, int a, int b) {
        group[find(group, a)] = find(group, b);
    }

    /** Every variable's table as log-probabilities {@code [q][r]}, with its parents' indices (first parent slowest). */
    private static final class Tables {
        final double[][][] log;
        final double[][][] probabilities;
        final int[][] parents;
        final int[] cardinalities;

        Tables(BayesianNetwork network, List<DiscreteVariable> variables) {
            int n = variables.size();
            log = new double[n][][];
            probabilities = new double[n][][];
            parents = new int[n][];
            cardinalities = new int[n];
            for (int v = 0; v < n; v++) {
                ConditionalProbabilityTable cpt = network.cpt(variables.get(v).name());
                probabilities[v] = cpt.rows().castTo(DataType.DOUBLE).toDoubleMatrix();
                log[v] = new double[probabilities[v].length][];
                for (int q = 0; q < probabilities[v].length; q++) {
                    log[v][q] = java.util.Arrays.stream(probabilities[v][q]).map(Math::log).toArray();
                }
                parents[v] = cpt.parents().stream().mapToInt(variables::indexOf).toArray();
                cardinalities[v] = variables.get(v).cardinality();
            }
        }

        boolean hasZero(int v) {
            for (double[] row : probabilities[v]) {
                for (double p : row) {
                    if (p == 0) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The row of v's table that a chain's parent states pick. */
        int row(int v, int[] state) {
            int row = 0;
            for (int p : parents[v]) {
                row = row * cardinalities[p] + state[p];
            }
            return row;
        }

        double logProbability(int v, int[] state) {
            return log[v][row(v, state)][state[v]];
        }

        /** A draw from v's table given the chain's parent states. */
        int sample(int v, int[] state, java.util.SplittableRandom random) {
            double[] p = probabilities[v][row(v, state)];
            return draw(p, p.length, random.nextDouble());
        }
    }

    /** The index i of {@code weights[0, count)} (not normalised) whose cumulative share first passes {@code u}. */
    private static int draw(double[] weights, int count, double u) {
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += weights[i];
        }
        double threshold = u * total, cumulative = 0;
        for (int i = 0; i < count; i++) {
            cumulative += weights[i];
            if (threshold < cumulative) {
                return i;
            }
        }
        return count - 1;
    }

    /** Variables resampled jointly, with the tables their joint conditional needs. */
    private final class Block {
        private final int[] members;            // variable indices
        private final int[] radix;              // mixed-radix place value of each member in a joint state
        private final int[] cardinalities;
        private final int states;
        private final int[] factors;            // the members' tables and their children's
        private final List<DiscreteVariable> variables;
        private final Tables tables;
        private final double[] logWeights;

        Block(List<Integer> members, List<DiscreteVariable> variables, List<List<Integer>> children, Tables tables) {
            this.variables = variables;
            this.tables = tables;
            this.members = members.stream().mapToInt(Integer::intValue).toArray();
            this.cardinalities = new int[this.members.length];
            this.radix = new int[this.members.length];
            long joint = 1;
            for (int i = 0; i < this.members.length; i++) {
                cardinalities[i] = variables.get(this.members[i]).cardinality();
                radix[i] = (int) joint;
                joint *= cardinalities[i];
                if (joint > MAX_BLOCK_STATES) {
                    throw new Gen4jException("Gibbs sampling cannot mix on this network: tables with zeros (deterministic "
                            + "nodes) tie " + names() + " together, and resampling them jointly takes more than " + MAX_BLOCK_STATES
                            + " joint states; use exact inference (the default) or --method lw");
                }
            }
            this.states = (int) joint;
            this.logWeights = new double[states];
            java.util.LinkedHashSet<Integer> needed = new java.util.LinkedHashSet<>();
            for (int m : this.members) {
                needed.add(m);
                needed.addAll(children.get(m));
            }
            this.factors = needed.stream().mapToInt(Integer::intValue).toArray();
        }

        private String names() {
            List<String> names = new ArrayList<>();
            for (int m : members) {
                names.add("'" + variables.get(m).name() + "'");
            }
            return String.join(", ", names);
        }

        /** Every chain's block drawn from its conditional given the rest of that chain's state. */
        void resample(int[][] codes, java.util.SplittableRandom random) {
            for (int[] state : codes) {
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < states; t++) {
                    set(state, t);
                    double sum = 0;
                    for (int f : factors) {
                        sum += tables.logProbability(f, state);
                    }
                    logWeights[t] = sum;
                    max = Math.max(max, sum);
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    throw new Gen4jException("Gibbs sampling reached a state of probability 0 at " + names()
                            + " (the evidence may be impossible); use exact inference");
                }
                for (int t = 0; t < states; t++) {
                    logWeights[t] = Math.exp(logWeights[t] - max);    // now weights, relative to the largest
                }
                int drawn = draw(logWeights, states, random.nextDouble());
                set(state, drawn);
            }
        }

        private void set(int[] state, int joint) {
            for (int i = 0; i < members.length; i++) {
                state[members[i]] = (joint / radix[i]) % cardinalities[i];
            }
        }
    }

    /**
     * One forward sample per chain with the evidence clamped, redrawn for chains whose sample the evidence rules out
     * (a zero in an observed variable's table), so that every chain starts in a state of positive probability.
     */
    private int[][] initialState(Tables tables, Map<Integer, Integer> clamped, java.util.SplittableRandom random) {
        int n = tables.cardinalities.length;
        int[][] codes = new int[chains][n];
        for (int c = 0; c < chains; c++) {
            int attempt = 0;
            do {
                if (++attempt > START_ATTEMPTS) {
                    throw new Gen4jException("no start for the Gibbs chains agrees with the evidence after " + START_ATTEMPTS
                            + " forward samples (the evidence has probability 0, or too little for sampling); use exact inference");
                }
                for (int v = 0; v < n; v++) {                 // the network's variables are in topological order
                    Integer observed = clamped.get(v);
                    codes[c][v] = observed != null ? observed : tables.sample(v, codes[c], random);
                }
            } while (!possible(tables, clamped, codes[c]));
        }
        return codes;
    }

    private static boolean possible(Tables tables, Map<Integer, Integer> clamped, int[] state) {
        for (int v : clamped.keySet()) {
            if (tables.logProbability(v, state) == Double.NEGATIVE_INFINITY) {
                return false;
            }
        }
        return true;
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
