import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.Networks;
import org.gen4j.bayesnet.RandomNetworks;
import org.gen4j.bayesnet.readwrite.BifWriter;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.inference.VariableElimination;
import org.gen4j.bayesnet.structure.ChowLiu;
import org.gen4j.bayesnet.structure.Dag;
import org.gen4j.bayesnet.structure.HillClimbSearch;
import org.gen4j.bayesnet.structure.StructureComparison;
import org.gen4j.bayesnet.structure.StructureScore;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * gen4j side of the BN benchmark (design row 3) on a bundled network (child; alarm with {@code queries}: the
 * distinct-evidence queries only) or a generated 50-node one (written to DATA_DIR as random50.bif with its samples).
 * Three tasks, each under the policy every row follows (the first call
 * in the process as the cold figure, then REPEATS timed calls: median, min, max), with pomegranate_bn.py doing the
 * same on the same files:
 * <ul>
 *   <li>"queries, distinct evidence": 1,000 queries, each with its own target and its own three evidence variables
 *       (drawn here with a fixed seed from the query cases, written to DATA_DIR/NETWORK-distinct-queries.jsonl in
 *       {@code gen4j infer --queries} form), answered one at a time by exact variable elimination; every timed call
 *       starts from a new engine, so no call reuses another's cached tables;</li>
 *   <li>"queries, shared evidence variables (batched)": 1,000 queries that observe the same three variables, every
 *       other variable's posterior, answered with one batched elimination per target (the case batching serves);</li>
 *   <li>structure learning (hill climbing with BIC, Chow-Liu) on 20,000 rows read before timing, as the peer's.</li>
 * </ul>
 * One JSON line per task; the exact answers go to DATA_DIR for the peer's accuracy check.
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/bn/Gen4jBnBenchmark.java DATA_DIR NETWORK|random50 [REPEATS] [queries]
 */
public class Gen4jBnBenchmark {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String name = args.length > 1 ? args[1] : "child";
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean queriesOnly = args.length > 3 && args[3].equals("queries");
        BayesianNetwork network;
        List<String> shared;
        if (name.equals("random50")) {
            network = RandomNetworks.generate(50, 3, 3, 20261124);
            shared = List.of("v49", "v45", "v40");
            BifWriter.write(network, dir.resolve("random50.bif"));
            Files.writeString(dir.resolve("random50-20k.csv"), network.sample(20_000, 1).toCsv());
            Files.writeString(dir.resolve("random50-queries.csv"), network.sample(1_000, 2).toCsv());
        } else {
            network = Networks.load(name);
            shared = name.equals("child") ? List.of("LowerBodyO2", "CO2Report", "XrayReport") : List.of();
        }
        DiscreteTable cases = DiscreteTable.readCsv(dir.resolve(name + "-queries.csv"), network.variables());

        List<Query> distinct = distinctQueries(network, cases, new Random(1));
        Files.writeString(dir.resolve(name + "-distinct-queries.jsonl"), jsonLines(distinct, Query::json));
        Timed<List<Map<String, Double>>> one = time(repeats, () -> answerOneByOne(network, distinct));
        Files.writeString(dir.resolve(name + "-distinct-gen4j.jsonl"), answersJson(distinct, one.result));
        print(name, "queries, distinct evidence", one, repeats,
                "\"queries\": " + distinct.size() + ", \"method\": \"exact (variable elimination, one query at a time)\"");
        if (queriesOnly) {
            return;
        }

        int[][] states = sharedEvidenceStates(cases, shared);
        List<DiscreteVariable> targets = network.variables().stream().filter(v -> !shared.contains(v.name())).toList();
        Timed<List<double[][]>> batched = time(repeats, () -> answerBatched(network, targets, shared, states));
        Files.writeString(dir.resolve(name + "-gen4j-marginals.csv"), marginalsCsv(targets, batched.result));
        print(name, "queries, shared evidence variables (batched)", batched, repeats,
                "\"queries\": " + states.length + ", \"method\": \"exact (batched variable elimination)\"");

        DiscreteTable rows = DiscreteTable.readCsv(dir.resolve(name + "-20k.csv"), network.variables());
        for (String method : List.of("hill-climb", "chow-liu")) {
            Timed<Dag> learned = time(repeats, () -> learn(rows, method));
            Dag dag = learned.result;
            BayesianNetwork fitted = dag.fit(rows, ParameterEstimator.maximumLikelihood(), Map.of());
            StructureComparison c = StructureComparison.of(dag.edges(), network.edges());
            print(name, "structure " + method, learned, repeats, String.format(
                    "\"method\": \"%s\", \"meanLogLikelihood\": %.6f, \"edges\": %d, \"edgePrecision\": %.3f, \"edgeRecall\": %.3f, \"shd\": %d",
                    method.equals("chow-liu") ? "Chow-Liu tree" : "tabu hill climbing, BIC, at most 3 parents",
                    fitted.meanLogProb(rows), dag.edges().size(), c.skeletonPrecision(), c.skeletonRecall(),
                    c.structuralHammingDistance()));
        }
    }

    record Query(String target, Map<String, String> evidence) {
        String json() {
            StringBuilder s = new StringBuilder("{\"query\": [\"" + target + "\"], \"evidence\": {");
            evidence.forEach((k, v) -> s.append(s.charAt(s.length() - 1) == '{' ? "" : ", ").append('"').append(k).append("\": \"")
                    .append(v).append('"'));
            return s.append("}}").toString();
        }
    }

    /** Per case: a target and three evidence variables drawn without replacement, the evidence at the case's states. */
    static List<Query> distinctQueries(BayesianNetwork network, DiscreteTable cases, Random random) {
        List<DiscreteVariable> variables = network.variables();
        List<Query> out = new ArrayList<>();
        for (int q = 0; q < cases.rows(); q++) {
            List<DiscreteVariable> picked = new ArrayList<>(variables);
            java.util.Collections.shuffle(picked, random);
            Map<String, String> evidence = new LinkedHashMap<>();
            for (DiscreteVariable v : picked.subList(1, 4)) {
                evidence.put(v.name(), v.state((int) cases.codes().getDouble(q, cases.columnOf(v.name()))));
            }
            out.add(new Query(picked.get(0).name(), evidence));
        }
        return out;
    }

    static List<Map<String, Double>> answerOneByOne(BayesianNetwork network, List<Query> queries) {
        VariableElimination engine = new VariableElimination(network);
        List<Map<String, Double>> out = new ArrayList<>(queries.size());
        for (Query q : queries) {
            out.add(engine.marginal(q.target, q.evidence));
        }
        return out;
    }

    static int[][] sharedEvidenceStates(DiscreteTable cases, List<String> shared) {
        int[][] states = new int[cases.rows()][shared.size()];
        for (int q = 0; q < states.length; q++) {
            for (int e = 0; e < shared.size(); e++) {
                states[q][e] = (int) cases.codes().getDouble(q, cases.columnOf(shared.get(e)));
            }
        }
        return states;
    }

    static List<double[][]> answerBatched(BayesianNetwork network, List<DiscreteVariable> targets, List<String> shared, int[][] states) {
        VariableElimination engine = new VariableElimination(network);
        List<double[][]> out = new ArrayList<>();
        for (DiscreteVariable t : targets) {
            out.add(engine.batchMarginals(t.name(), shared, states));
        }
        return out;
    }

    static Dag learn(DiscreteTable rows, String method) {
        return method.equals("chow-liu") ? ChowLiu.learn(rows, 0)
                : HillClimbSearch.builder().maxParents(3).build().search(new StructureScore(StructureScore.Kind.BIC, 0, rows));
    }

    record Timed<T>(T result, double cold, double[] sorted) {
    }

    /** The policy of every benchmark row: the first call is the cold figure, then {@code repeats} timed calls. */
    static <T> Timed<T> time(int repeats, Supplier<T> call) {
        long first = System.nanoTime();
        T result = call.get();
        double cold = (System.nanoTime() - first) / 1e9;
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            result = call.get();
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return new Timed<>(result, cold, seconds);
    }

    static void print(String network, String task, Timed<?> t, int repeats, String more) {
        System.out.printf("{\"impl\": \"gen4j\", \"network\": \"%s\", \"task\": \"%s\", \"threads\": %d, \"repeats\": %d, \"coldSeconds\": %.5f, "
                        + "\"seconds\": %.5f, \"minSeconds\": %.5f, \"maxSeconds\": %.5f, %s}%n", network, task,
                Runtime.getRuntime().availableProcessors(), repeats, t.cold, t.sorted[repeats / 2], t.sorted[0], t.sorted[repeats - 1], more);
    }

    static <T> String jsonLines(List<T> items, java.util.function.Function<T, String> json) {
        StringBuilder s = new StringBuilder();
        items.forEach(i -> s.append(json.apply(i)).append('\n'));
        return s.toString();
    }

    /** In {@code infer --queries}' answer form: {"marginals": {target: {state: p}}}. */
    static String answersJson(List<Query> queries, List<Map<String, Double>> answers) {
        StringBuilder s = new StringBuilder();
        for (int q = 0; q < queries.size(); q++) {
            s.append("{\"marginals\": {\"").append(queries.get(q).target).append("\": {");
            String sep = "";
            for (Map.Entry<String, Double> e : answers.get(q).entrySet()) {
                s.append(sep).append('"').append(e.getKey()).append("\": ").append(e.getValue());
                sep = ", ";
            }
            s.append("}}}\n");
        }
        return s.toString();
    }

    static String marginalsCsv(List<DiscreteVariable> targets, List<double[][]> answers) {
        StringBuilder csv = new StringBuilder("query,variable,state,probability\n");
        for (int t = 0; t < targets.size(); t++) {
            double[][] a = answers.get(t);
            for (int q = 0; q < a.length; q++) {
                for (int s = 0; s < targets.get(t).cardinality(); s++) {
                    csv.append(q).append(',').append(targets.get(t).name()).append(',').append(targets.get(t).state(s))
                            .append(',').append(a[q][s]).append('\n');
                }
            }
        }
        return csv.toString();
    }
}
