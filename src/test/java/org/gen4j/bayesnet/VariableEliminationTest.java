package org.gen4j.bayesnet;

import org.gen4j.bayesnet.inference.VariableElimination;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariableEliminationTest {

    /** The worked check of the shared data's README, by enumeration and by variable elimination. */
    @Test
    void asiaKnownAnswers() {
        VariableElimination ve = new VariableElimination(TestNetworks.load("asia"));
        Map<String, String> evidence = Map.of("xray", "yes", "smoke", "yes");
        assertEquals(0.645991, ve.marginal("lung", evidence).get("yes"), 1e-6);
        assertEquals(0.0758524, ve.probabilityOfEvidence(evidence), 1e-7);
    }

    /** A query result prints as a table of states and probabilities, ready to read at a REPL. */
    @Test
    void queryResultPrintsAsATable() {
        VariableElimination ve = new VariableElimination(TestNetworks.load("asia"));
        String table = ve.query(List.of("lung"), Map.of("xray", "yes", "smoke", "yes")).toString();
        assertEquals("""
                lung | value
                -----+-------
                yes  | 0.6460
                no   | 0.3540
                """, table);
        String joint = ve.query(List.of("smoke", "lung"), Map.of()).toString();
        assertEquals(6, joint.lines().count(), joint);
        assertTrue(joint.lines().skip(2).allMatch(line -> line.matches("(no|yes) +\\| (no|yes) +\\| 0\\.\\d{4}")), joint);
    }

    @Test
    void exactInferenceMatchesEnumerationOnTheSmallRealNetworks() {
        Random random = new Random(7);
        for (String name : TestNetworks.SMALL) {
            BayesianNetwork network = TestNetworks.load(name);
            Enumeration truth = new Enumeration(network);
            VariableElimination ve = new VariableElimination(network);
            DiscreteTable cases = network.sample(50, 3);      // evidence drawn from the network has probability > 0
            double[][] codes = cases.codes().toDoubleMatrix();
            List<DiscreteVariable> variables = network.variables();
            for (int trial = 0; trial < 25; trial++) {
                List<DiscreteVariable> shuffled = new ArrayList<>(variables);
                Collections.shuffle(shuffled, random);
                DiscreteVariable query = shuffled.get(0);
                int evidenceCount = random.nextInt(Math.min(4, variables.size()));
                double[] row = codes[random.nextInt(codes.length)];
                Map<String, String> evidence = new LinkedHashMap<>();
                for (int e = 1; e <= evidenceCount; e++) {
                    DiscreteVariable v = shuffled.get(e);
                    evidence.put(v.name(), v.state((int) row[variables.indexOf(v)]));
                }
                double[] expected = truth.unnormalised(query.name(), evidence);
                double pEvidence = 0;
                for (double p : expected) {
                    pEvidence += p;
                }
                Map<String, Double> marginal = ve.marginal(query.name(), evidence);
                for (int s = 0; s < expected.length; s++) {
                    assertEquals(expected[s] / pEvidence, marginal.get(query.state(s)), 1e-9,
                            name + ": P(" + query.name() + "=" + query.state(s) + " | " + evidence + ")");
                }
                assertEquals(pEvidence, ve.probabilityOfEvidence(evidence), 1e-12 + 1e-9 * pEvidence, name + " P(evidence)");
            }
        }
    }

    @Test
    void batchedQueriesEqualOneQueryAtATime() {
        BayesianNetwork child = TestNetworks.load("child");
        VariableElimination ve = new VariableElimination(child);
        List<String> evidenceVariables = List.of("LowerBodyO2", "CO2Report", "XrayReport");
        DiscreteTable cases = child.sample(30, 4);
        int[][] states = new int[30][3];
        for (int row = 0; row < 30; row++) {
            for (int e = 0; e < 3; e++) {
                states[row][e] = (int) cases.codes().getDouble(row, cases.columnOf(evidenceVariables.get(e)));
            }
        }
        double[][] batch = ve.batchMarginals("Disease", evidenceVariables, states);
        DiscreteVariable disease = child.variable("Disease");
        for (int row = 0; row < 30; row++) {
            Map<String, String> evidence = new LinkedHashMap<>();
            for (int e = 0; e < 3; e++) {
                evidence.put(evidenceVariables.get(e), child.variable(evidenceVariables.get(e)).state(states[row][e]));
            }
            Map<String, Double> single = ve.marginal("Disease", evidence);
            for (int s = 0; s < disease.cardinality(); s++) {
                assertEquals(single.get(disease.state(s)), batch[row][s], 1e-12);
            }
        }
    }

    @Test
    void mostProbableExplanationIsTheBestCompleteAssignment() {
        for (String name : List.of("asia", "cancer", "survey")) {
            BayesianNetwork network = TestNetworks.load(name);
            Enumeration truth = new Enumeration(network);
            List<DiscreteVariable> variables = network.variables();
            DiscreteVariable observedVariable = variables.get(variables.size() - 1);
            Map<String, String> evidence = Map.of(observedVariable.name(), observedVariable.state(0));
            VariableElimination.Explanation mpe = new VariableElimination(network).mostProbableExplanation(evidence);
            int[] assignment = new int[variables.size()];
            for (int j = 0; j < assignment.length; j++) {
                assignment[j] = variables.get(j).code(mpe.assignment().get(variables.get(j).name()));
            }
            assertEquals(Math.log(truth.joint(assignment)), mpe.logProbability(), 1e-9, name);
            // no complete assignment consistent with the evidence is more probable
            double best = bestJoint(truth, variables, 0, new int[variables.size()], variables.size() - 1, 0);
            assertEquals(Math.log(best), mpe.logProbability(), 1e-9, name);
        }
    }

    private static double bestJoint(Enumeration truth, List<DiscreteVariable> variables, int j, int[] a, int fixed, int state) {
        if (j == variables.size()) {
            return truth.joint(a);
        }
        if (j == fixed) {
            a[j] = state;
            return bestJoint(truth, variables, j + 1, a, fixed, state);
        }
        double best = 0;
        for (int s = 0; s < variables.get(j).cardinality(); s++) {
            a[j] = s;
            best = Math.max(best, bestJoint(truth, variables, j + 1, a, fixed, state));
        }
        return best;
    }

    @Test
    void aGeneratedFiftyNodeNetworkAnswersExactlyAndConsistently() {
        BayesianNetwork big = RandomNetworks.generate(50, 3, 3, 7);
        assertEquals(50, big.variables().size());
        VariableElimination ve = new VariableElimination(big);
        Map<String, String> evidence = Map.of("v49", "s0", "v40", "s1");
        Map<String, Double> marginal = ve.marginal("v20", evidence);
        assertEquals(1.0, marginal.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        // Bayes' rule across two routes: P(v20 = s | e) P(e) = P(v20 = s, e)
        double pEvidence = ve.probabilityOfEvidence(evidence);
        Map<String, String> withQuery = new LinkedHashMap<>(evidence);
        withQuery.put("v20", "s0");
        assertEquals(marginal.get("s0") * pEvidence, ve.probabilityOfEvidence(withQuery), 1e-12);
    }

    @Test
    void jointQueriesAreNormalisedOverAllQueryVariables() {
        BayesianNetwork survey = TestNetworks.load("survey");
        VariableElimination ve = new VariableElimination(survey);
        var joint = ve.query(List.of("E", "T"), Map.of("A", "young"));
        assertEquals(1.0, joint.total(), 1e-12);
        assertEquals(List.of("E", "T"), joint.scope().stream().map(DiscreteVariable::name).toList());
    }

    @Test
    void logProbOfCompleteRowsIsTheJointProbability() {
        BayesianNetwork asia = TestNetworks.load("asia");
        Enumeration truth = new Enumeration(asia);
        DiscreteTable rows = asia.sample(40, 9);
        double[] logProb = asia.logProb(rows).toDoubleVector();
        double[][] codes = rows.codes().toDoubleMatrix();
        for (int r = 0; r < codes.length; r++) {
            int[] assignment = new int[codes[r].length];
            for (int j = 0; j < assignment.length; j++) {
                assignment[j] = (int) codes[r][j];
            }
            assertEquals(Math.log(truth.joint(assignment)), logProb[r], 1e-12);
        }
    }

    @Test
    void impossibleEvidenceAndUnknownNamesAreClearErrors() {
        VariableElimination ve = new VariableElimination(TestNetworks.load("asia"));
        // 'either' is a logical OR of tub and lung: either = no with lung = yes is impossible
        assertMessage("has probability 0", () -> ve.marginal("xray", Map.of("either", "no", "lung", "yes")));
        assertMessage("no variable 'lungs'", () -> ve.marginal("lungs", Map.of()));
        assertMessage("has no state 'maybe'", () -> ve.marginal("lung", Map.of("smoke", "maybe")));
        assertMessage("both queried and given", () -> ve.marginal("lung", Map.of("lung", "yes")));
    }

    static void assertMessage(String part, Runnable action) {
        Gen4jException e = assertThrows(Gen4jException.class, action::run);
        assertTrue(e.getMessage().contains(part), "message was: " + e.getMessage());
    }
}
