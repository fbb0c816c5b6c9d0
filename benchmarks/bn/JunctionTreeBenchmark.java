import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.inference.CliqueTree;
import org.gen4j.bayesnet.inference.EliminationOrdering;
import org.gen4j.bayesnet.inference.JunctionTree;
import org.gen4j.bayesnet.readwrite.BifReader;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteVariable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Junction trees on the large bnlearn networks, one JSON line per network: the cheapest elimination order found
 * (min-fill, min-weight, min-degree, 4 random tie-breaking restarts each), the largest clique and the memory it
 * needs, or the up-front refusal under the budget; then the time to build the tree, the first calibration (cold,
 * no evidence) and the median of 5 calibrations with 10 % of the variables observed (a case drawn from the network),
 * each followed by every variable's posterior. The answers are cross-checked against a tree from another order.
 * Usage: java -cp ... JunctionTreeBenchmark.java BUDGET_BYTES NETWORK...
 */
public class JunctionTreeBenchmark {
    public static void main(String[] args) {
        long budget = Long.parseLong(args[0]);
        for (String name : Arrays.copyOfRange(args, 1, args.length)) {
            long t0 = System.nanoTime();
            BayesianNetwork network = BifReader.read(Path.of("datasets/bn/large/" + name + ".bif.gz"));
            long t1 = System.nanoTime();
            CliqueTree shape = CliqueTree.of(network, 4, 0L);
            long t2 = System.nanoTime();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("network", name);
            row.put("variables", network.variables().size());
            row.put("readSeconds", seconds(t0, t1));
            row.put("planSeconds", seconds(t1, t2));
            row.put("heuristic", shape.heuristic().label());
            row.put("cliques", shape.cliqueCount());
            row.put("largestCliqueVariables", shape.largestCliqueVariables());
            row.put("largestCliqueEntries", shape.largestCliqueEntries());
            row.put("megabytes", shape.bytes() / (1 << 20));
            row.put("budgetMegabytes", budget / (1 << 20));
            JunctionTree tree;
            try {
                tree = JunctionTree.build(network, shape, budget);
            } catch (Gen4jException refused) {
                row.put("refused", refused.getMessage());
                print(row);
                continue;
            }
            long t3 = System.nanoTime();
            row.put("buildSeconds", seconds(t2, t3));
            row.put("firstCalibrationSeconds", timeAllMarginals(tree, network, Map.of()));
            Random random = new Random(1);
            double[][] cases = network.sample(5, 2).codes().toDoubleMatrix();
            List<Double> times = new ArrayList<>();
            List<Map<String, String>> evidences = new ArrayList<>();
            for (double[] drawn : cases) {
                Map<String, String> evidence = observe(network, drawn, network.variables().size() / 10, random);
                evidences.add(evidence);
                times.add(timeAllMarginals(tree, network, evidence));
            }
            Collections.sort(times);
            row.put("calibrationSeconds10pctEvidence", times.get(times.size() / 2));
            row.put("calibrationSecondsMinMax", List.of(times.get(0), times.get(times.size() - 1)));
            row.put("crossCheck", crossCheck(network, shape, tree, evidences.get(0), budget));
            print(row);
        }
    }

    /** Calibrates and reads every variable's posterior: what "answer all marginals given this evidence" costs. */
    private static double timeAllMarginals(JunctionTree tree, BayesianNetwork network, Map<String, String> evidence) {
        long start = System.nanoTime();
        JunctionTree.Calibration given = tree.calibrate(evidence);
        for (DiscreteVariable v : network.variables()) {
            given.marginal(v.name());
        }
        return seconds(start, System.nanoTime());
    }

    /** The largest difference from a tree of another elimination order (a heuristic's, within the budget). */
    private static String crossCheck(BayesianNetwork network, CliqueTree shape, JunctionTree tree, Map<String, String> evidence, long budget) {
        for (EliminationOrdering.Heuristic h : EliminationOrdering.Heuristic.values()) {
            CliqueTree other = CliqueTree.of(network, h);
            if (other.bytes() > budget || Arrays.equals(other.eliminationOrder(), shape.eliminationOrder())) {
                continue;
            }
            JunctionTree.Calibration a = tree.calibrate(evidence);
            JunctionTree.Calibration b = JunctionTree.build(network, other, budget).calibrate(evidence);
            double worst = Math.abs(a.logProbabilityOfEvidence() - b.logProbabilityOfEvidence());
            for (DiscreteVariable v : network.variables()) {
                Map<String, Double> pa = a.marginal(v.name());
                Map<String, Double> pb = b.marginal(v.name());
                for (String s : pa.keySet()) {
                    worst = Math.max(worst, Math.abs(pa.get(s) - pb.get(s)));
                }
            }
            return String.format(Locale.ROOT, "max |difference| %.2e against %s's order (posteriors and log P(evidence))", worst, h.label());
        }
        return "no second order within the budget";
    }

    private static Map<String, String> observe(BayesianNetwork network, double[] drawn, int count, Random random) {
        List<DiscreteVariable> variables = network.variables();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        Map<String, String> evidence = new LinkedHashMap<>();
        for (int i : order.subList(0, count)) {
            evidence.put(variables.get(i).name(), variables.get(i).state((int) drawn[i]));
        }
        return evidence;
    }

    private static double seconds(long from, long to) {
        return Math.round((to - from) / 1e6) / 1e3;
    }

    private static void print(Map<String, Object> row) {
        StringBuilder json = new StringBuilder("{");
        row.forEach((k, v) -> {
            json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": ");
            if (v instanceof String s) {
                json.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (v instanceof List<?> l) {
                json.append(l);
            } else {
                json.append(v);
            }
        });
        System.out.println(json.append('}'));
    }
}
