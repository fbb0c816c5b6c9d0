package org.gen4j.bayesnet;

import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.core.ModelIO;
import org.gen4j.data.DiscreteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterEstimatorTest {

    @Test
    void sampledDataRefitsToTheGeneratingTables() {
        for (String name : TestNetworks.SMALL) {
            BayesianNetwork truth = TestNetworks.load(name);
            DiscreteTable rows = truth.sample(20_000, 11);
            // pseudo-counts keep configurations the training rows never showed from scoring -infinity
            BayesianNetwork fitted = ParameterEstimator.bdeu(1).fit(truth, rows);
            DiscreteTable fresh = truth.sample(5_000, 12);
            double gap = truth.meanLogProb(fresh) - fitted.meanLogProb(fresh);
            assertTrue(Math.abs(gap) < 0.02, name + ": held-out log-likelihood gap " + gap);
        }
        BayesianNetwork asia = TestNetworks.load("asia");
        BayesianNetwork fitted = ParameterEstimator.maximumLikelihood().fit(asia, asia.sample(20_000, 3));
        assertEquals(0.5, fitted.cpt("smoke").values().getDouble(0), 0.015);
        assertEquals(0.1, fitted.cpt("lung").values().getDouble(0, 0), 0.01);
        assertEquals(0.6, fitted.cpt("bronc").values().getDouble(0, 0), 0.015);
    }

    @Test
    void countsAndPseudoCountsGiveTheTextbookEstimates() {
        BayesianNetwork cancer = TestNetworks.load("cancer");
        DiscreteTable rows = cancer.sample(300, 5);
        var cpt = cancer.cpt("Xray");
        var counts = ParameterEstimator.counts(cpt.child(), cpt.parents(), rows);                // [2, 2]
        assertEquals(300.0, counts.sumNumber().doubleValue());
        double[][] c = counts.toDoubleMatrix();
        double[][] mle = ParameterEstimator.maximumLikelihood().estimate(cpt.child(), cpt.parents(), rows).rows().toDoubleMatrix();
        double[][] bdeu = ParameterEstimator.bdeu(8).estimate(cpt.child(), cpt.parents(), rows).rows().toDoubleMatrix();
        double[][] k2 = ParameterEstimator.k2().estimate(cpt.child(), cpt.parents(), rows).rows().toDoubleMatrix();
        for (int q = 0; q < 2; q++) {
            double n = c[q][0] + c[q][1];
            assertEquals(c[q][0] / n, mle[q][0], 1e-12);
            assertEquals((c[q][0] + 2) / (n + 4), bdeu[q][0], 1e-12, "ess 8 over q=2, r=2: 2 per cell");
            assertEquals((c[q][0] + 1) / (n + 2), k2[q][0], 1e-12);
        }
    }

    @Test
    void aParentConfigurationNeverSeenGetsAUniformRow() {
        BayesianNetwork asia = TestNetworks.load("asia");
        DiscreteTable fewRows = new DiscreteTable(Nd4j.createFromArray(new double[][]{{1, 1, 1, 1, 1, 1, 1, 1}}),
                asia.variables());
        BayesianNetwork fitted = ParameterEstimator.maximumLikelihood().fit(asia, fewRows);
        assertEquals(0.5, fitted.cpt("tub").values().getDouble(0, 0), 1e-12, "asia = yes was never seen");
    }

    @Test
    void savedNetworksLoadBitForBit(@TempDir Path dir) throws java.io.IOException {
        BayesianNetwork sachs = TestNetworks.load("sachs");
        Path file = dir.resolve("sachs.gen4j");
        ModelIO.save(sachs, file);
        BayesianNetwork loaded = ModelIO.load(file, BayesianNetwork.class);
        DiscreteTable rows = sachs.sample(100, 1);
        assertEquals(sachs.logProb(rows), loaded.logProb(rows));
        assertTrue(Files.size(file) > 1000);
    }
}
