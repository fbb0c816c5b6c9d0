package org.gen4j.bayesnet.inference;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteVariable;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Exact inference with a junction tree (Hugin architecture): built once per network, calibrated once per evidence
 * set by one collect and one distribute pass, after which every single-variable posterior is a sum over one clique.
 * A batch of queries with the same evidence therefore costs one calibration. The tree's size is known before any
 * table is allocated: a network whose cheapest order found needs more than the memory budget is refused up front.
 * Messages are rescaled to sum to 1 and the scales kept in log space, so P(evidence) does not underflow on
 * networks with hundreds of observed variables.
 *
 * <pre>{@code
 * JunctionTree tree = JunctionTree.build(network, JunctionTree.Options.defaults());
 * JunctionTree.Calibration given = tree.calibrate(Map.of("xray", "yes", "smoke", "yes"));
 * Map<String, Double> lung = given.marginal("lung");                 // {yes=0.646, no=0.354}
 * }</pre>
 */
public final class JunctionTree {
    /**
     * @param memoryBudgetBytes the most the tree's tables may take (default: half the JVM's maximum heap)
     * @param restarts          random tie-breaking restarts per elimination heuristic
     * @param seed              for those restarts
     */
    public record Options(long memoryBudgetBytes, int restarts, long seed) {
        public Options {
            if (memoryBudgetBytes < 1) {
                throw new Gen4jException("the memory budget must be positive, got " + memoryBudgetBytes + " bytes");
            }
            if (restarts < 0) {
                throw new Gen4jException("restarts must be 0 or more, got " + restarts);
            }
        }

        public static Options defaults() {
            return new Options(Runtime.getRuntime().maxMemory() / 2, 4, 0L);
        }

        public Options withMemoryBudget(long bytes) {
            return new Options(bytes, restarts, seed);
        }
    }

    private final BayesianNetwork network;
    private final CliqueTree shape;
    private final Map<String, Integer> index;
    private final CliquePotential[] initial;   // per clique: the product of the CPTs assigned to it

    private JunctionTree(BayesianNetwork network, CliqueTree shape) {
        this.network = network;
        this.shape = shape;
        this.index = CliqueTree.indexByName(shape.variables);
        this.initial = new CliquePotential[shape.cliques.length];
        for (int c = 0; c < initial.length; c++) {
            initial[c] = CliquePotential.ones(shape.cliques[c], shape.cardinalities);
        }
        for (int v = 0; v < shape.variables.size(); v++) {
            ConditionalProbabilityTable cpt = network.cpt(shape.variables.get(v).name());
            int[] family = new int[cpt.parents().size() + 1];
            for (int p = 0; p < cpt.parents().size(); p++) {
                family[p] = index.get(cpt.parents().get(p).name());
            }
            family[family.length - 1] = v;
            initial[shape.familyClique[v]].multiplyBy(family, cpt.values().reshape(cpt.values().length()).toDoubleVector());
        }
    }

    /** Builds the tree from the cheapest elimination order found, or refuses if it does not fit the budget. */
    public static JunctionTree build(BayesianNetwork network, Options options) {
        return build(network, CliqueTree.of(network, options.restarts(), options.seed()), options.memoryBudgetBytes());
    }

    /** Builds the tree of a given shape (for example one heuristic's), or refuses if it does not fit the budget. */
    public static JunctionTree build(BayesianNetwork network, CliqueTree shape, long memoryBudgetBytes) {
        if (shape.bytes() > memoryBudgetBytes || shape.largestCliqueEntries() > CliqueTree.MAX_TABLE_ENTRIES) {
            throw new Gen4jException(String.format(Locale.ROOT, "exact inference on this network needs about %s"
                            + " (largest clique: %d variables, %.3g entries, by %s elimination), more than the budget of %s:"
                            + " use --method lw or gibbs%s", size(shape.bytes()), shape.largestCliqueVariables(),
                    shape.largestCliqueEntries(), shape.heuristic().label(), size(memoryBudgetBytes),
                    shape.largestCliqueEntries() > CliqueTree.MAX_TABLE_ENTRIES ? " (its largest table is beyond one Java array)"
                            : ", or raise --memory-budget (and the heap, GEN4J_JAVA_OPTS=-Xmx...)"));
        }
        return new JunctionTree(network, shape);
    }

    /** What the tree is: cliques, the largest one, bytes, and the heuristic whose order it came from. */
    public CliqueTree shape() {
        return shape;
    }

    /**
     * Enters the evidence and passes messages to the root and back. The result answers every variable's posterior.
     *
     * @param evidence variable → observed state
     */
    public Calibration calibrate(Map<String, String> evidence) {
        CliquePotential[] potentials = new CliquePotential[initial.length];
        for (int c = 0; c < potentials.length; c++) {
            potentials[c] = initial[c].copy();
        }
        Map<Integer, Integer> observed = new LinkedHashMap<>();
        evidence.forEach((name, state) -> {
            DiscreteVariable variable = network.variable(name);
            int v = index.get(variable.name());
            double[] indicator = new double[variable.cardinality()];
            indicator[variable.code(state)] = 1.0;
            potentials[shape.home[v]].multiplyBy(new int[]{v}, indicator);
            observed.put(v, variable.code(state));
        });
        int[] traversal = shape.traversal;
        double[][] collected = new double[potentials.length][];
        double logScale = 0;
        for (int t = traversal.length - 1; t > 0; t--) {
            int c = traversal[t];
            double[] message = potentials[c].project(shape.separators[c], shape.cardinalities);
            double total = sum(message);
            if (!(total > 0)) {
                return new Calibration(evidence, observed, null, Double.NEGATIVE_INFINITY);
            }
            scale(message, 1 / total);
            logScale += Math.log(total);
            collected[c] = message;
            potentials[shape.parent[c]].multiplyBy(shape.separators[c], message);
        }
        CliquePotential root = potentials[traversal[0]];
        double total = root.total();
        if (!(total > 0)) {
            return new Calibration(evidence, observed, null, Double.NEGATIVE_INFINITY);
        }
        root.scale(1 / total);
        logScale += Math.log(total);
        for (int t = 1; t < traversal.length; t++) {
            int c = traversal[t];
            double[] message = potentials[shape.parent[c]].project(shape.separators[c], shape.cardinalities);
            double[] old = collected[c];
            for (int s = 0; s < message.length; s++) {
                message[s] = old[s] == 0 ? 0 : message[s] / old[s];     // 0/0 = 0: those entries are already 0
            }
            potentials[c].multiplyBy(shape.separators[c], message);
            potentials[c].scale(1 / potentials[c].total());
        }
        return new Calibration(evidence, observed, potentials, logScale);
    }

    /** A tree with evidence entered and messages passed both ways: each clique holds P(its variables | evidence). */
    public final class Calibration {
        private final Map<String, String> evidence;
        private final Map<Integer, Integer> observed;
        private final CliquePotential[] potentials;      // null when the evidence has probability 0
        private final double logProbabilityOfEvidence;

        private Calibration(Map<String, String> evidence, Map<Integer, Integer> observed, CliquePotential[] potentials,
                            double logProbabilityOfEvidence) {
            this.evidence = Map.copyOf(evidence);
            this.observed = observed;
            this.potentials = potentials;
            this.logProbabilityOfEvidence = logProbabilityOfEvidence;
        }

        /** log P(evidence); −∞ if the network gives it probability 0. */
        public double logProbabilityOfEvidence() {
            return logProbabilityOfEvidence;
        }

        public double probabilityOfEvidence() {
            return Math.exp(logProbabilityOfEvidence);
        }

        /** P(variable | evidence) as state → probability, in state order; an observed variable is certain. */
        public Map<String, Double> marginal(String variable) {
            DiscreteVariable v = network.variable(variable);
            double[] p = probabilities(index.get(v.name()));
            Map<String, Double> out = new LinkedHashMap<>();
            for (int s = 0; s < p.length; s++) {
                out.put(v.state(s), p[s]);
            }
            return out;
        }

        /** @return [cardinality of the variable] */
        double[] probabilities(int v) {
            if (potentials == null) {
                throw new Gen4jException("the evidence " + evidence + " has probability 0 under the network");
            }
            if (observed.containsKey(v)) {
                double[] certain = new double[shape.cardinalities[v]];
                certain[observed.get(v)] = 1.0;
                return certain;
            }
            double[] p = potentials[shape.home[v]].project(new int[]{v}, shape.cardinalities);
            scale(p, 1 / sum(p));
            return p;
        }
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    private static void scale(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
    }

    static String size(double bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f bytes", bytes) : String.format(Locale.ROOT, "%.1f %s", bytes, units[unit]);
    }
}
