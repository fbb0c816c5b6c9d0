package org.gen4j.bayesnet;

import org.gen4j.bayesnet.inference.Imputation;
import org.gen4j.bayesnet.inference.VariableElimination;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filling missing cells from a network: the most probable states equal brute force; draws follow the exact posterior. */
class ImputationTest {
    private static final BayesianNetwork ASIA = TestNetworks.load("asia");

    @Test
    void mostProbableStatesEqualBruteForce() {
        Enumeration truth = new Enumeration(ASIA);
        List<DiscreteVariable> variables = ASIA.variables();
        double[][] codes = ASIA.sample(60, 2).codes().toDoubleMatrix();
        Random random = new Random(1);
        for (double[] row : codes) {
            for (int j = 0; j < row.length; j++) {
                if (random.nextDouble() < 0.35) {
                    row[j] = Double.NaN;
                }
            }
        }
        double[][] filled = new Imputation(ASIA).mostProbable(new DiscreteTable(Nd4j.createFromArray(codes), variables)).codes().toDoubleMatrix();
        for (int r = 0; r < codes.length; r++) {
            // brute force: every completion of the row's gaps, the likeliest joint wins
            int[] best = null;
            double bestP = -1;
            int[] assignment = new int[variables.size()];
            for (int world = 0; world < 1 << variables.size(); world++) {
                boolean consistent = true;
                for (int j = 0; j < variables.size(); j++) {
                    assignment[j] = (world >> j) & 1;
                    consistent &= Double.isNaN(codes[r][j]) || codes[r][j] == assignment[j];
                }
                double p = consistent ? truth.joint(assignment) : -1;
                if (p > bestP) {
                    bestP = p;
                    best = assignment.clone();
                }
            }
            for (int j = 0; j < variables.size(); j++) {
                assertEquals(best[j], (int) filled[r][j], "row " + r + ", " + variables.get(j).name());
            }
        }
    }

    /** The log-likelihood of a case with gaps is log Σ over every completion of its joint: brute force over asia's 256 worlds. */
    @Test
    void casesWithGapsScoreTheirObservedValues() {
        Enumeration truth = new Enumeration(ASIA);
        List<DiscreteVariable> variables = ASIA.variables();
        double[][] codes = ASIA.sample(40, 3).codes().toDoubleMatrix();
        Random random = new Random(2);
        for (int r = 1; r < codes.length; r++) {                       // row 0 stays complete (the fast path)
            for (int j = 0; j < codes[r].length; j++) {
                codes[r][j] = random.nextDouble() < (r == 7 ? 1 : 0.4) ? Double.NaN : codes[r][j];   // row 7: nothing seen
            }
        }
        double[] scored = ASIA.logProb(new DiscreteTable(Nd4j.createFromArray(codes), variables)).toDoubleVector();
        int[] assignment = new int[variables.size()];
        for (int r = 0; r < codes.length; r++) {
            double total = 0;
            for (int world = 0; world < 1 << variables.size(); world++) {
                boolean consistent = true;
                for (int j = 0; j < variables.size(); j++) {
                    assignment[j] = (world >> j) & 1;
                    consistent &= Double.isNaN(codes[r][j]) || codes[r][j] == assignment[j];
                }
                total += consistent ? truth.joint(assignment) : 0;
            }
            assertEquals(Math.log(total), scored[r], 1e-12, "row " + r);
        }
    }

    /** 4,000 draws for one row with two gaps: each joint state's frequency within 4.5 standard errors of its posterior. */
    @Test
    void drawsFollowTheExactJointPosterior() {
        List<DiscreteVariable> variables = ASIA.variables();
        int lung = variables.indexOf(ASIA.variable("lung")), bronc = variables.indexOf(ASIA.variable("bronc"));
        double[] row = ASIA.sample(1, 4).codes().toDoubleMatrix()[0];
        row[lung] = Double.NaN;
        row[bronc] = Double.NaN;
        double[][] rows = new double[4000][];
        java.util.Arrays.fill(rows, row);
        double[][] drawn = new Imputation(ASIA).sample(new DiscreteTable(Nd4j.createFromArray(rows), variables), 7).codes().toDoubleMatrix();
        java.util.Map<String, String> evidence = new java.util.LinkedHashMap<>();
        for (int j = 0; j < variables.size(); j++) {
            if (j != lung && j != bronc) {
                evidence.put(variables.get(j).name(), variables.get(j).state((int) row[j]));
            }
        }
        double[] posterior = new VariableElimination(ASIA).query(List.of("lung", "bronc"), evidence).values().dup('c').data().asDouble();
        int[] counts = new int[4];
        for (double[] d : drawn) {
            counts[(int) d[lung] * 2 + (int) d[bronc]]++;
        }
        for (int s = 0; s < 4; s++) {
            double p = posterior[s];
            double se = Math.sqrt(p * (1 - p) / rows.length);
            assertTrue(Math.abs(counts[s] / (double) rows.length - p) <= 4.5 * se + 1e-12,
                    "state " + s + ": " + counts[s] + " of " + rows.length + " against " + p);
        }
    }
}
