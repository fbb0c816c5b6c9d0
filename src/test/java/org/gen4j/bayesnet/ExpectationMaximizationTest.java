package org.gen4j.bayesnet;

import org.gen4j.bayesnet.estimators.ExpectationMaximization;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.inference.VariableElimination;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectationMaximizationTest {

    private static void assertNeverDecreases(double[] history) {
        for (int i = 1; i < history.length; i++) {
            assertTrue(history[i] >= history[i - 1] - 1e-7, "log-likelihood fell at iteration " + i + ": "
                    + history[i - 1] + " -> " + history[i]);
        }
    }

    @Test
    void withoutMissingValuesItIsTheDirectEstimate() {
        BayesianNetwork asia = TestNetworks.load("asia");
        DiscreteTable rows = asia.sample(2000, 1);
        ParameterEstimator bdeu = ParameterEstimator.bdeu(1);
        BayesianNetwork direct = bdeu.fit(asia, rows);
        ExpectationMaximization.Result em = new ExpectationMaximization(bdeu, 10, 1e-9, 1).fit(asia, rows);
        for (ConditionalProbabilityTable cpt : direct.cpts()) {
            INDArray other = em.network().cpt(cpt.child().name()).values();
            assertEquals(0, cpt.values().sub(other).amaxNumber().doubleValue(), 1e-12, cpt.child().name());
        }
    }

    @Test
    void valuesMissingAtRandomAreFilledInByExpectedCounts() {
        BayesianNetwork asia = TestNetworks.load("asia");
        INDArray codes = asia.sample(2000, 2).codes().dup();
        Random random = new Random(3);
        for (int r = 0; r < codes.rows(); r++) {
            for (int j = 0; j < codes.columns(); j++) {
                if (random.nextDouble() < 0.2) {
                    codes.putScalar(r, j, Double.NaN);
                }
            }
        }
        DiscreteTable gappy = new DiscreteTable(codes, asia.variables());
        Gen4jException e = assertThrows(Gen4jException.class, () -> ParameterEstimator.maximumLikelihood().fit(asia, gappy));
        assertTrue(e.getMessage().contains("needs complete rows") && e.getMessage().contains("expectation-maximisation"));
        // maximum likelihood, so that the observed-data likelihood itself is what EM climbs
        ExpectationMaximization.Result em = new ExpectationMaximization(ParameterEstimator.maximumLikelihood(), 30, 1e-6, 4)
                .fit(asia, gappy);
        assertNeverDecreases(em.summary().history());
        DiscreteTable fresh = asia.sample(5000, 5);
        BayesianNetwork smoothed = new ExpectationMaximization(ParameterEstimator.bdeu(1), 30, 1e-6, 4).fit(asia, gappy).network();
        double gap = asia.meanLogProb(fresh) - smoothed.meanLogProb(fresh);
        assertTrue(Math.abs(gap) < 0.05, "held-out gap " + gap);
    }

    @Test
    void aLatentVariableIsLearnedFromItsNeighbours() {
        BayesianNetwork cancer = TestNetworks.load("cancer");
        DiscreteTable full = cancer.sample(5000, 6);
        List<DiscreteVariable> visible = cancer.variables().stream().filter(v -> !v.name().equals("Cancer")).toList();
        DiscreteTable withoutCancer = full.reordered(cancer.variables()).select(visible);
        ExpectationMaximization.Result em = new ExpectationMaximization(ParameterEstimator.maximumLikelihood(), 200, 1e-7, 2)
                .fit(cancer, withoutCancer);
        assertNeverDecreases(em.summary().history());
        // the fitted model explains the visible data at least about as well as the true network does
        VariableElimination truth = new VariableElimination(cancer);
        double truthLogLikelihood = 0;
        double[][] rows = withoutCancer.codes().toDoubleMatrix();
        for (double[] row : rows) {
            Map<String, String> evidence = new LinkedHashMap<>();
            for (int j = 0; j < visible.size(); j++) {
                evidence.put(visible.get(j).name(), visible.get(j).state((int) row[j]));
            }
            truthLogLikelihood += Math.log(truth.probabilityOfEvidence(evidence));
        }
        assertTrue(em.summary().finalValue() >= truthLogLikelihood - 2.0,
                "EM " + em.summary().finalValue() + " vs truth " + truthLogLikelihood);
    }
}
