package org.gen4j.bayesnet.inference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConvergenceDiagnosticsTest {
    @Test
    void rHatByHand() {
        // two chains of n = 11 sweeps with shares 0.2 and 0.6 of state 0: W = (0.16 + 0.24)/2 · 11/10 = 0.22,
        // var(means) = 0.08, pooled = 10/11 · 0.22 + 0.08 = 0.28, R-hat = sqrt(0.28 / 0.22)
        double[][] means = {{0.2, 0.8}, {0.6, 0.4}};
        assertEquals(Math.sqrt(0.28 / 0.22), ConvergenceDiagnostics.rHat(means, 11), 1e-12);
        assertEquals(1.0, ConvergenceDiagnostics.rHat(new double[][]{{1, 0}, {1, 0}}, 5), 0, "all chains in one state");
        assertEquals(Double.POSITIVE_INFINITY, ConvergenceDiagnostics.rHat(new double[][]{{1, 0}, {0, 1}}, 5), "stuck apart");
        // identical chains: pooled = (n-1)/n W, so R-hat falls a little below 1
        assertEquals(Math.sqrt(9.0 / 10), ConvergenceDiagnostics.rHat(new double[][]{{0.5, 0.5}, {0.5, 0.5}}, 10), 1e-12);
    }
}
