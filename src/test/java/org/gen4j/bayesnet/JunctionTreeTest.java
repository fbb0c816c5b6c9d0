package org.gen4j.bayesnet;

import org.gen4j.bayesnet.inference.CliqueTree;
import org.gen4j.bayesnet.inference.EliminationOrdering.Heuristic;
import org.gen4j.bayesnet.inference.JunctionTree;
import org.gen4j.bayesnet.inference.VariableElimination;
import org.gen4j.bayesnet.readwrite.BifReader;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteVariable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JunctionTreeTest {
    static final Path LARGE = Path.of("datasets/bn/large");
    static final String[] LARGE_NETWORKS = {"water", "mildew", "barley", "hepar2", "pathfinder", "munin1", "andes",
            "diabetes", "pigs", "link", "munin"};
    /** A fixed budget, so that which networks are refused does not depend on the test JVM's heap. */
    static final long BUDGET = 1L << 30;

    @Test
    void asiaKnownAnswers() {
        JunctionTree tree = JunctionTree.build(TestNetworks.load("asia"), JunctionTree.Options.defaults());
        JunctionTree.Calibration given = tree.calibrate(Map.of("xray", "yes", "smoke", "yes"));
        assertEquals(0.645991, given.marginal("lung").get("yes"), 1e-6);
        assertEquals(0.0758524, given.probabilityOfEvidence(), 1e-7);
        assertEquals(Map.of("yes", 1.0, "no", 0.0), given.marginal("xray"), "an observed variable is certain");
    }

    /** Every tree shape (each heuristic's and the cheapest) gives every posterior of enumeration, to 1e-9. */
    @Test
    void everyMarginalEqualsEnumerationOnTheSmallNetworks() {
        Random random = new Random(11);
        for (String name : TestNetworks.SMALL) {
            BayesianNetwork network = TestNetworks.load(name);
            Enumeration truth = new Enumeration(network);
            List<JunctionTree> trees = new ArrayList<>();
            trees.add(JunctionTree.build(network, JunctionTree.Options.defaults()));
            for (Heuristic heuristic : Heuristic.values()) {
                trees.add(JunctionTree.build(network, CliqueTree.of(network, heuristic), BUDGET));
            }
            double[][] cases = network.sample(20, 5).codes().toDoubleMatrix();
            for (int trial = 0; trial < 8; trial++) {
                Map<String, String> evidence = observe(network, cases[trial], random.nextInt(4), random);
                for (JunctionTree tree : trees) {
                    JunctionTree.Calibration given = tree.calibrate(evidence);
                    double pEvidence = 0;
                    for (DiscreteVariable v : network.variables()) {
                        if (evidence.containsKey(v.name())) {
                            continue;
                        }
                        double[] joint = truth.unnormalised(v.name(), evidence);
                        pEvidence = sum(joint);
                        Map<String, Double> marginal = given.marginal(v.name());
                        for (int s = 0; s < joint.length; s++) {
                            assertEquals(joint[s] / pEvidence, marginal.get(v.state(s)), 1e-9,
                                    name + " by " + tree.shape().heuristic() + ": P(" + v.name() + " | " + evidence + ")");
                        }
                    }
                    assertEquals(pEvidence, given.probabilityOfEvidence(), 1e-9 * pEvidence, name + " P(" + evidence + ")");
                }
            }
        }
    }

    /** On child and mid-size networks, where enumeration is out of reach: variable elimination's answers, to 1e-9. */
    @Test
    void marginalsEqualVariableEliminationOnChildAndMidSizeNetworks() throws IOException {
        Random random = new Random(3);
        List<BayesianNetwork> networks = List.of(TestNetworks.load("child"), large("hepar2"), large("pathfinder"),
                large("andes"), large("pigs"));
        for (BayesianNetwork network : networks) {
            JunctionTree tree = JunctionTree.build(network, JunctionTree.Options.defaults().withMemoryBudget(BUDGET));
            VariableElimination ve = new VariableElimination(network, BUDGET);
            double[][] cases = network.sample(10, 9).codes().toDoubleMatrix();
            for (int trial = 0; trial < 2; trial++) {
                Map<String, String> evidence = observe(network, cases[trial], 5, random);
                JunctionTree.Calibration given = tree.calibrate(evidence);
                assertEquals(ve.probabilityOfEvidence(evidence), given.probabilityOfEvidence(),
                        1e-9 * given.probabilityOfEvidence(), "P(" + evidence + ")");
                List<DiscreteVariable> queries = new ArrayList<>(network.variables());
                Collections.shuffle(queries, random);
                for (DiscreteVariable v : queries.subList(0, 12)) {
                    if (!evidence.containsKey(v.name())) {
                        assertClose(ve.marginal(v.name(), evidence), given.marginal(v.name()), "P(" + v.name() + " | " + evidence + ")");
                    }
                }
            }
        }
    }

    /**
     * Each large network is either answered exactly (two trees from different elimination orders agree on every
     * posterior and on P(evidence)) or refused before any table exists, with the estimate in the message.
     */
    @Test
    void largeNetworksAgreeAcrossTwoEliminationOrdersOrAreRefusedUpFront() throws IOException {
        Random random = new Random(5);
        int answered = 0;
        for (String name : LARGE_NETWORKS) {
            BayesianNetwork network = large(name);
            CliqueTree cheapest = CliqueTree.of(network, 4, 0L);
            if (cheapest.bytes() > BUDGET) {
                Gen4jException refused = assertThrows(Gen4jException.class, () -> JunctionTree.build(network, cheapest, BUDGET));
                assertTrue(refused.getMessage().contains("more than the budget of 1.0 GiB")
                        && refused.getMessage().contains("--method lw or gibbs"), refused.getMessage());
                continue;
            }
            CliqueTree other = null;
            for (Heuristic heuristic : Heuristic.values()) {
                CliqueTree candidate = CliqueTree.of(network, heuristic);
                if (other == null && candidate.bytes() <= BUDGET
                        && !java.util.Arrays.equals(candidate.eliminationOrder(), cheapest.eliminationOrder())) {
                    other = candidate;
                }
            }
            assertTrue(other != null, name + ": a second elimination order within the budget");
            Map<String, String> evidence = observe(network, network.sample(1, 17).codes().toDoubleMatrix()[0],
                    network.variables().size() / 10, random);
            JunctionTree.Calibration a = JunctionTree.build(network, cheapest, BUDGET).calibrate(evidence);
            JunctionTree.Calibration b = JunctionTree.build(network, other, BUDGET).calibrate(evidence);
            assertEquals(a.logProbabilityOfEvidence(), b.logProbabilityOfEvidence(), 1e-9 * Math.abs(a.logProbabilityOfEvidence()) + 1e-12, name);
            for (DiscreteVariable v : network.variables()) {
                assertClose(a.marginal(v.name()), b.marginal(v.name()), name + ": P(" + v.name() + " | evidence)");
            }
            answered++;
        }
        assertEquals(LARGE_NETWORKS.length - 1, answered, "all but munin1 fit in 1 GiB");
    }

    @Test
    void aBudgetTooSmallIsRefusedWithTheEstimate() throws IOException {
        BayesianNetwork barley = large("barley");
        Gen4jException refused = assertThrows(Gen4jException.class,
                () -> JunctionTree.build(barley, JunctionTree.Options.defaults().withMemoryBudget(64L << 20)));
        assertTrue(refused.getMessage().matches("exact inference on this network needs about \\d+\\.\\d MiB \\(largest clique: \\d+"
                + " variables, .* entries, by min-\\w+ elimination\\), more than the budget of 64\\.0 MiB: use --method lw or gibbs.*"),
                refused.getMessage());
        Gen4jException refusedElimination = assertThrows(Gen4jException.class,
                () -> new VariableElimination(barley, 1 << 20).marginal("spndx", Map.of()));
        assertTrue(refusedElimination.getMessage().contains("more than the budget of 1.0 MiB"), refusedElimination.getMessage());
    }

    @Test
    void evidenceOfProbabilityZeroIsAClearError() {
        BayesianNetwork asia = TestNetworks.load("asia");
        // either = tub OR lung, deterministically: either = no with lung = yes cannot happen
        JunctionTree.Calibration given = JunctionTree.build(asia, JunctionTree.Options.defaults())
                .calibrate(Map.of("either", "no", "lung", "yes"));
        assertEquals(Double.NEGATIVE_INFINITY, given.logProbabilityOfEvidence());
        Gen4jException e = assertThrows(Gen4jException.class, () -> given.marginal("dysp"));
        assertTrue(e.getMessage().contains("has probability 0"), e.getMessage());
    }

    @Test
    void gzippedBifReadsLikeTheTextAndTruncatedGzipIsAClearError(@TempDir Path dir) throws IOException {
        Path gz = LARGE.resolve("hepar2.bif.gz");
        Path text = dir.resolve("hepar2.bif");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.write(text, in.readAllBytes());
        }
        BayesianNetwork fromGzip = BifReader.read(gz);
        BayesianNetwork fromText = BifReader.read(text);
        assertEquals(fromText.variables(), fromGzip.variables());
        for (DiscreteVariable v : fromText.variables()) {
            assertEquals(fromText.cpt(v.name()).parents(), fromGzip.cpt(v.name()).parents());
            assertTrue(java.util.Arrays.equals(fromText.cpt(v.name()).values().data().asDouble(),
                    fromGzip.cpt(v.name()).values().data().asDouble()), v.name());
        }
        byte[] bytes = Files.readAllBytes(gz);
        Path truncated = dir.resolve("cut.bif.gz");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Gen4jException e = assertThrows(Gen4jException.class, () -> BifReader.read(truncated));
        assertTrue(e.getMessage().contains("is not a complete gzip file"), e.getMessage());
    }

    static BayesianNetwork large(String name) throws IOException {
        return BifReader.read(LARGE.resolve(name + ".bif.gz"));
    }

    /** {@code count} variables chosen at random, observed in the states of a case drawn from the network. */
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

    private static void assertClose(Map<String, Double> expected, Map<String, Double> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        expected.forEach((state, p) -> assertEquals(p, actual.get(state), 1e-9, what + " = " + state));
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
