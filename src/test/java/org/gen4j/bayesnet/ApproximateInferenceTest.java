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

    @Test
    void theGraphIsWrittenAsDot() {
        String dot = DotWriter.toDot(TestNetworks.load("asia"));
        assertTrue(dot.startsWith("digraph network {"));
        assertTrue(dot.contains("\"either\" -> \"xray\";"));
        assertEquals(8, dot.lines().filter(l -> l.contains("->")).count());
    }
}
