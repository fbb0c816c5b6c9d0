package org.gen4j.bayesnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.cli.Gen4j;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gen4j infer --queries FILE}: a batch of queries, each with its own evidence and targets, answered in one
 * process, in order, each answer equal to brute-force enumeration; a bad line gets an error line and the rest go on.
 */
class InferQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, List<JsonNode> lines, String err) {
    }

    private Run infer(String model, List<String> queryLines) throws IOException {
        Path file = dir.resolve("queries.jsonl");
        Files.write(file, queryLines);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Gen4j.execute(new String[]{"infer", "--model", model, "--queries", file.toString()}, new PrintWriter(out), new PrintWriter(err));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(code, lines, err.toString());
    }

    @Test
    void everyQueryWithItsOwnEvidenceEqualsEnumeration() throws IOException {
        for (String name : List.of("asia", "survey")) {
            BayesianNetwork network = TestNetworks.load(name);
            Enumeration truth = new Enumeration(network);
            List<DiscreteVariable> variables = network.variables();
            double[][] codes = network.sample(200, 5).codes().toDoubleMatrix();   // evidence with probability > 0
            Random random = new Random(11);
            List<String> lines = new ArrayList<>();
            List<Map<String, String>> evidences = new ArrayList<>();
            List<List<String>> targets = new ArrayList<>();
            for (int q = 0; q < 200; q++) {
                List<DiscreteVariable> shuffled = new ArrayList<>(variables);
                Collections.shuffle(shuffled, random);
                Map<String, String> evidence = new LinkedHashMap<>();
                for (int e = 0; e < random.nextInt(4); e++) {
                    DiscreteVariable v = shuffled.get(e);
                    evidence.put(v.name(), v.state((int) codes[q][variables.indexOf(v)]));
                }
                List<String> asked = List.of(shuffled.get(4).name(), shuffled.get(5).name());
                ObjectNode line = JSON.createObjectNode().put("id", name + "-" + q);
                asked.forEach(line.putArray("query")::add);
                evidence.forEach(line.putObject("evidence")::put);
                lines.add(line.toString());
                evidences.add(evidence);
                targets.add(asked);
            }
            Run run = infer(name, lines);
            assertEquals(0, run.code(), run.err());
            assertEquals(200, run.lines().size(), "one answer per query");
            for (int q = 0; q < 200; q++) {
                JsonNode answer = run.lines().get(q);
                assertEquals(name + "-" + q, answer.get("id").asText(), "answers come in the order asked");
                for (String target : targets.get(q)) {
                    double[] expected = truth.unnormalised(target, evidences.get(q));
                    double total = java.util.Arrays.stream(expected).sum();
                    DiscreteVariable v = variables.stream().filter(x -> x.name().equals(target)).findFirst().orElseThrow();
                    for (int s = 0; s < expected.length; s++) {
                        assertEquals(expected[s] / total, answer.get("marginals").get(target).get(v.state(s)).asDouble(), 1e-9,
                                name + " query " + q + ": P(" + target + " | " + evidences.get(q) + ")");
                    }
                    if (!evidences.get(q).isEmpty()) {
                        assertEquals(total, answer.get("probabilityOfEvidence").asDouble(), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void aBadLineGetsAnErrorLineAndTheRestAreAnswered() throws IOException {
        Run run = infer("asia", List.of(
                "{\"id\": \"a\", \"query\": \"lung\", \"evidence\": {\"xray\": \"yes\", \"smoke\": \"yes\"}}",
                "not json",
                "{\"id\": \"b\", \"query\": \"lung\", \"evidence\": {\"xray\": \"maybe\"}}",
                "",
                "{\"id\": \"c\", \"mpe\": true, \"evidence\": {\"dysp\": \"yes\"}}",
                "{\"id\": \"d\", \"query\": \"lung\", \"evidnce\": {}}",
                "{\"id\": \"e\", \"query\": [\"either\"], \"method\": \"lw\", \"samples\": 20000, \"seed\": 3}",
                "{\"id\": \"f\", \"query\": \"dysp\", \"evidence\": {\"lung\": \"yes\", \"either\": \"no\"}}"));
        assertEquals(2, run.code());
        assertEquals("gen4j: 4 of 7 queries failed (first at line 2: not a JSON object: Unrecognized token 'not': was expecting"
                .substring(0, 40), run.err().strip().substring(0, 40), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals(7, run.lines().size());
        assertEquals(0.645991, run.lines().get(0).get("marginals").get("lung").get("yes").asDouble(), 1e-6);
        assertEquals(2, run.lines().get(1).get("line").asInt());
        assertTrue(run.lines().get(2).get("error").asText().contains("maybe"), run.lines().get(2).toString());
        assertEquals("b", run.lines().get(2).get("id").asText());
        assertEquals("yes", run.lines().get(3).get("mpe").get("dysp").asText());
        assertTrue(run.lines().get(4).get("error").asText().contains("unknown key 'evidnce'"), run.lines().get(4).toString());
        assertTrue(run.lines().get(5).get("effectiveSampleSize").get("either").asDouble() > 1000, run.lines().get(5).toString());
        // either is lung or tub: lung without either is impossible, an error rather than NaN
        assertTrue(run.lines().get(6).get("error").asText().contains("probability 0"), run.lines().get(6).toString());
    }

    @Test
    void aLineLongerThanTheCapIsRefusedWithoutHoldingIt() throws IOException {
        String huge = "{\"id\": 1, \"query\": \"lung\", \"evidence\": {\"x\": \"" + "y".repeat(1 << 21) + "\"}}";
        Run run = infer("asia", List.of(huge, "{\"query\": \"lung\"}"));
        assertEquals(2, run.code());
        assertTrue(run.lines().get(0).get("error").asText().contains("longer than"), run.lines().get(0).toString());
        assertTrue(run.lines().get(1).has("marginals"), "the next line is answered");
    }

    /** Method jt (a junction tree, one calibration per evidence set) gives exact's answers, and P(evidence). */
    @Test
    void junctionTreeAnswersEqualVariableElimination() throws IOException {
        BayesianNetwork child = TestNetworks.load("child");
        List<DiscreteVariable> variables = child.variables();
        double[][] codes = child.sample(60, 8).codes().toDoubleMatrix();
        Random random = new Random(4);
        List<String> exactLines = new ArrayList<>(), treeLines = new ArrayList<>();
        for (int q = 0; q < 60; q++) {
            List<DiscreteVariable> shuffled = new ArrayList<>(variables);
            Collections.shuffle(shuffled, random);
            ObjectNode line = JSON.createObjectNode().put("id", q);
            line.putArray("query").add(shuffled.get(0).name()).add(shuffled.get(1).name());
            ObjectNode evidence = line.putObject("evidence");
            for (int e = 2; e < 2 + q % 4; e++) {
                evidence.put(shuffled.get(e).name(), shuffled.get(e).state((int) codes[q][variables.indexOf(shuffled.get(e))]));
            }
            exactLines.add(line.toString());
            treeLines.add(line.put("method", "jt").toString());
        }
        Run exact = infer("child", exactLines);
        Run tree = infer("child", treeLines);
        assertEquals(0, tree.code(), tree.err());
        for (int q = 0; q < 60; q++) {
            JsonNode a = exact.lines().get(q), b = tree.lines().get(q);
            a.get("marginals").fields().forEachRemaining(target -> target.getValue().fields().forEachRemaining(state ->
                    assertEquals(state.getValue().asDouble(), b.get("marginals").get(target.getKey()).get(state.getKey()).asDouble(), 1e-9)));
            if (a.has("probabilityOfEvidence")) {
                assertEquals(a.get("probabilityOfEvidence").asDouble(), b.get("probabilityOfEvidence").asDouble(), 1e-12);
            }
        }
    }

    /** A gzipped network too large for the budget is one clear line and exit code 2, before any table exists. */
    @Test
    void aNetworkBeyondTheMemoryBudgetIsRefusedInOneLine() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Gen4j.execute(new String[]{"infer", "--model", "datasets/bn/large/munin1.bif.gz", "--query", "R_APB_FORCE",
                "--method", "jt", "--memory-budget", "1g"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(2, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("needs about 2.9 GiB") && err.toString().contains("more than the budget of 1.0 GiB"), err.toString());
        err = new StringWriter();
        assertEquals(2, Gen4j.execute(new String[]{"infer", "--model", "asia", "--query", "lung", "--memory-budget", "lots"},
                new PrintWriter(out), new PrintWriter(err)));
        assertTrue(err.toString().contains("'lots' is not a size"), err.toString());
    }
}
