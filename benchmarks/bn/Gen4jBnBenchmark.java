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
import java.util.List;
import java.util.Map;

/**
 * gen4j side of the BN benchmark (design row 3): 1,000 posterior queries with evidence on three variables (all other
 * marginals, exact, batched), and structure learning on 20,000 rows, for the child network or a generated 50-node
 * one (written to DATA_DIR as random50.bif with its samples). One JSON line per task; the query answers go to
 * DATA_DIR/NETWORK-gen4j-marginals.csv for the accuracy comparison.
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/bn/Gen4jBnBenchmark.java DATA_DIR child|random50
 */
public class Gen4jBnBenchmark {
    static List<String> EVIDENCE;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String name = args.length > 1 ? args[1] : "child";
        BayesianNetwork child;
        if (name.equals("random50")) {
            child = RandomNetworks.generate(50, 3, 3, 20261124);
            EVIDENCE = List.of("v49", "v45", "v40");
            BifWriter.write(child, dir.resolve("random50.bif"));
            Files.writeString(dir.resolve("random50-20k.csv"), child.sample(20_000, 1).toCsv());
            Files.writeString(dir.resolve("random50-queries.csv"), child.sample(1_000, 2).toCsv());
        } else {
            child = Networks.load("child");
            EVIDENCE = List.of("LowerBodyO2", "CO2Report", "XrayReport");
        }
        DiscreteTable queries = DiscreteTable.readCsv(dir.resolve(name + "-queries.csv"), child.variables());
        int[][] states = new int[queries.rows()][EVIDENCE.size()];
        for (int q = 0; q < states.length; q++) {
            for (int e = 0; e < EVIDENCE.size(); e++) {
                states[q][e] = (int) queries.codes().getDouble(q, queries.columnOf(EVIDENCE.get(e)));
            }
        }
        List<DiscreteVariable> targets = child.variables().stream().filter(v -> !EVIDENCE.contains(v.name())).toList();
        answer(child, targets, states);                                                // warm-up
        double best = Double.MAX_VALUE;
        List<double[][]> answers = null;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            answers = answer(child, targets, states);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        StringBuilder csv = new StringBuilder("query,variable,state,probability\n");
        for (int t = 0; t < targets.size(); t++) {
            for (int q = 0; q < states.length; q++) {
                for (int s = 0; s < targets.get(t).cardinality(); s++) {
                    csv.append(q).append(',').append(targets.get(t).name()).append(',').append(targets.get(t).state(s))
                            .append(',').append(answers.get(t)[q][s]).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve(name + "-gen4j-marginals.csv"), csv);
        System.out.printf("{\"impl\": \"gen4j\", \"network\": \"" + name + "\", \"task\": \"queries\", \"queries\": %d, \"seconds\": %.4f, \"secondsPerQuery\": %.7f, \"method\": \"exact (batched variable elimination)\"}%n",
                states.length, best, best / states.length);

        DiscreteTable rows = DiscreteTable.readCsv(dir.resolve(name + "-20k.csv"), child.variables());
        for (String method : List.of("hill-climb", "chow-liu")) {
            learn(rows, method);                                                          // warm-up
            long t0 = System.nanoTime();
            Dag dag = learn(rows, method);
            double seconds = (System.nanoTime() - t0) / 1e9;
            BayesianNetwork fitted = dag.fit(rows, ParameterEstimator.maximumLikelihood(), Map.of());
            StructureComparison c = StructureComparison.of(dag.edges(), child.edges());
            System.out.printf("{\"impl\": \"gen4j\", \"network\": \"" + name + "\", \"task\": \"structure %s\", \"seconds\": %.4f, \"meanLogLikelihood\": %.6f, \"edges\": %d, \"edgePrecision\": %.3f, \"edgeRecall\": %.3f, \"shd\": %d}%n",
                    method, seconds, fitted.meanLogProb(rows), dag.edges().size(), c.skeletonPrecision(), c.skeletonRecall(),
                    c.structuralHammingDistance());
        }
    }

    static List<double[][]> answer(BayesianNetwork network, List<DiscreteVariable> targets, int[][] states) {
        VariableElimination ve = new VariableElimination(network);
        List<double[][]> out = new ArrayList<>();
        for (DiscreteVariable t : targets) {
            out.add(ve.batchMarginals(t.name(), EVIDENCE, states));
        }
        return out;
    }

    static Dag learn(DiscreteTable rows, String method) {
        return method.equals("chow-liu") ? ChowLiu.learn(rows, 0)
                : HillClimbSearch.builder().maxParents(3).build().search(new StructureScore(StructureScore.Kind.BIC, 0, rows));
    }
}
