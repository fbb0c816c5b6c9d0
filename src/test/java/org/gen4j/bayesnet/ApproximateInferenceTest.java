package org.gen4j.bayesnet;

import org.gen4j.bayesnet.inference.ApproximateMarginal;
import org.gen4j.bayesnet.inference.GibbsSampling;
import org.gen4j.bayesnet.inference.LikelihoodWeighting;
import org.gen4j.bayesnet.inference.VariableElimination;
import org.gen4j.bayesnet.readwrite.DotWriter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApproximateInferenceTest {

    /** Within four standard errors of the exact answer, using the reported effective sample size. */
    private static void assertClose(Map<String, Double> exact, ApproximateMarginal estimate, String what) {
        assertTrue(estimate.effectiveSampleSize() > 100, what + ": ESS " + estimate.effectiveSampleSize());
        exact.forEach((state, p) -> {
            double se = Math.sqrt(Math.max(p * (1 - p), 1e-4) / estimate.effectiveSampleSize());
            assertEquals(p, estimate.probabilities().get(state), 4 * se + 1e-3, what + " " + state + " (" + estimate.method() + ")");
        });
    }

    @Test
    void likelihoodWeightingAgreesWithExactInference() {
        BayesianNetwork asia = TestNetworks.load("asia");
        Map<String, String> evidence = Map.of("xray", "yes", "smoke", "yes");
        Map<String, Double> exact = new VariableElimination(asia).marginal("lung", evidence);
        ApproximateMarginal lw = new LikelihoodWeighting(asia, 50_000, 1).marginal("lung", evidence);
        assertClose(exact, lw, "asia lung");
        assertTrue(lw.effectiveSampleSize() < 50_000, "weights vary, so the ESS is below the sample count");
        BayesianNetwork survey = TestNetworks.load("survey");
        assertClose(new VariableElimination(survey).marginal("T", Map.of("A", "old", "S", "F")),
                new LikelihoodWeighting(survey, 20_000, 2).marginal("T", Map.of("A", "old", "S", "F")), "survey T");
    }

    @Test
    void gibbsSamplingAgreesWithExactInference() {
        BayesianNetwork survey = TestNetworks.load("survey");
        Map<String, String> evidence = Map.of("T", "car", "S", "M");
        ApproximateMarginal gibbs = new GibbsSampling(survey, 100, 300, 50, 3).marginal("E", evidence);
        assertClose(new VariableElimination(survey).marginal("E", evidence), gibbs, "survey E");
        double total = gibbs.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, total, 1e-9);
    }

    /** asia's either = tub or lung: single-site Gibbs stayed where it started (0.047 for an exact 0.646). */
    @Test
    void blockedGibbsMixesThroughDeterministicNodes() {
        BayesianNetwork asia = TestNetworks.load("asia");
        Map<String, String> evidence = Map.of("xray", "yes", "smoke", "yes");
        Map<String, Double> exact = new VariableElimination(asia).marginal("lung", evidence);
        assertEquals(0.645991, exact.get("yes"), 1e-6, "the reference answer");
        for (long seed : new long[]{0, 5}) {
            ApproximateMarginal gibbs = new GibbsSampling(asia, 100, 1000, 200, seed).marginal("lung", evidence);
            assertClose(exact, gibbs, "asia lung, seed " + seed);
            assertTrue(gibbs.converged(), "R-hat " + gibbs.rHat());
        }
        Map<String, String> onTheDeterministicNode = Map.of("either", "yes", "smoke", "no");
        assertClose(new VariableElimination(asia).marginal("tub", onTheDeterministicNode),
                new GibbsSampling(asia, 100, 1000, 200, 1).marginal("tub", onTheDeterministicNode), "asia tub given either");
    }

    /**
     * Every bundled network, a root queried given up to three leaves observed as one forward sample had them: the
     * answer is within four standard errors of the exact one, or the chains say they have not converged. sachs's
     * tables hold entries near 1e-4 (no zeros to block on): its chains barely move in 600 sweeps, and R-hat says so.
     */
    @Test
    void gibbsAgreesWithExactInferenceOnEveryBundledNetwork() {
        for (String name : new String[]{"asia", "cancer", "earthquake", "survey", "sachs", "child"}) {
            BayesianNetwork network = TestNetworks.load(name);
            java.util.List<org.gen4j.data.DiscreteVariable> variables = network.variables();
            java.util.Set<String> parents = new java.util.HashSet<>();
            for (org.gen4j.data.DiscreteVariable v : variables) {
                network.cpt(v.name()).parents().forEach(p -> parents.add(p.name()));
            }
            org.gen4j.data.DiscreteTable draw = network.sample(1, 17);
            Map<String, String> evidence = new java.util.LinkedHashMap<>();
            for (int j = variables.size() - 1; j >= 0 && evidence.size() < 3; j--) {
                org.gen4j.data.DiscreteVariable v = variables.get(j);
                if (!parents.contains(v.name())) {
                    evidence.put(v.name(), v.state(draw.columnCodes(draw.columnOf(v.name()))[0]));
                }
            }
            String query = variables.get(0).name();                  // topological order: a root
            ApproximateMarginal gibbs = new GibbsSampling(network, 100, 600, 100, 11).marginal(query, evidence);
            if (name.equals("sachs")) {
                assertTrue(!gibbs.converged(), "sachs's chains do not mix in 600 sweeps, and R-hat must say so: " + gibbs.rHat());
                continue;
            }
            assertTrue(gibbs.converged(), name + ": R-hat " + gibbs.rHat());
            assertClose(new VariableElimination(network).marginal(query, evidence), gibbs, name + " " + query + " | " + evidence);
        }
    }

    /**
     * B copies A but for a 1e-12 chance: no zero to block on, and single-site moves almost never cross, so each
     * chain keeps the A it started with. The answer (0.5) looks plausible; R-hat says the chains disagree.
     */
    @Test
    void rHatNoticesChainsThatDoNotMix() {
        String bif = "network sticky { }\n"
                + "variable A { type discrete [ 2 ] { a0, a1 }; }\n"
                + "variable B { type discrete [ 2 ] { b0, b1 }; }\n"
                + "probability ( A ) { table 0.5, 0.5; }\n"
                + "probability ( B | A ) { (a0) 0.999999999999, 0.000000000001; (a1) 0.000000000001, 0.999999999999; }\n";
        BayesianNetwork sticky = org.gen4j.bayesnet.readwrite.BifReader.parse(bif, "sticky.bif");
        ApproximateMarginal stuck = new GibbsSampling(sticky, 50, 200, 20, 4).marginal("A", Map.of());
        assertTrue(!stuck.converged() && stuck.rHat() > 10, "R-hat " + stuck.rHat());
    }

    @Test
    void theGraphIsWrittenAsDot() {
        String dot = DotWriter.toDot(TestNetworks.load("asia"));
        assertTrue(dot.startsWith("digraph network {"));
        assertTrue(dot.contains("\"either\" -> \"xray\";"));
        assertEquals(8, dot.lines().filter(l -> l.contains("->")).count());
    }
}
