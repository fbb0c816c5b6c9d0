package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sample weights in Gaussian-mixture EM: the defining property is that a weight of k equals the row k times. */
class WeightedFitTest {
    private static final INDArray FAITHFUL = Datasets.load("faithful").features();     // [272, 2]
    private static final INDArray START_MEANS = Nd4j.createFromArray(new double[][]{{2.0, 55.0}, {4.3, 80.0}});

    /** Random integer weights 0..3, and the rows written out weight-many times. */
    private record Weighted(INDArray weights, INDArray repeated) {
    }

    private static Weighted weighted(long seed) {
        Random random = new Random(seed);
        double[] weights = new double[(int) FAITHFUL.rows()];
        List<double[]> repeated = new ArrayList<>();
        double[][] rows = FAITHFUL.toDoubleMatrix();
        for (int r = 0; r < rows.length; r++) {
            weights[r] = random.nextInt(4);
            for (int k = 0; k < weights[r]; k++) {
                repeated.add(rows[r]);
            }
        }
        return new Weighted(Nd4j.createFromArray(weights), Nd4j.createFromArray(repeated.toArray(new double[0][])));
    }

    @Test
    void integerWeightsEqualRepeatedRows() {
        Weighted data = weighted(3);
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(2).covariance(type)
                    .initialMeans(START_MEANS).tol(0).maxIter(30).build();
            GaussianMixture repeated = trainer.fit(data.repeated());
            GaussianMixture weighted = trainer.fit(FAITHFUL, data.weights());
            String what = type.label();
            assertClose(repeated.weights(), weighted.weights(), what + " weights");
            assertClose(repeated.means(), weighted.means(), what + " means");
            assertClose(repeated.covariances(), weighted.covariances(), what + " covariances");
            assertEquals(repeated.fitSummary().finalValue(), weighted.fitSummary().finalValue(), 1e-10, what + " lower bound");
        }
    }

    /** k-means++ seeding draws rows in proportion to their weights: a row of weight 0 is never a centre, so zero weights equal dropping the rows. */
    @Test
    void zeroWeightsEqualDroppingTheRows() {
        double[] weights = new double[(int) FAITHFUL.rows()];
        List<double[]> kept = new ArrayList<>();
        double[][] rows = FAITHFUL.toDoubleMatrix();
        for (int r = 0; r < rows.length; r++) {
            weights[r] = r % 3 == 0 ? 0 : 1;
            if (weights[r] > 0) {
                kept.add(rows[r]);
            }
        }
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(2).covariance(CovarianceType.FULL)
                .initialMeans(START_MEANS).build();
        GaussianMixture dropped = trainer.fit(Nd4j.createFromArray(kept.toArray(new double[0][])));
        GaussianMixture weighted = trainer.fit(FAITHFUL, Nd4j.createFromArray(weights));
        assertClose(dropped.means(), weighted.means(), "means");
        GaussianMixture seeded = GaussianMixtureTrainer.builder().components(2).nInit(3).seed(4).build()
                .fit(FAITHFUL, Nd4j.createFromArray(weights));
        assertTrue(seeded.fitSummary().converged() && Double.isFinite(seeded.fitSummary().finalValue()), "k-means++ with weights fits");
    }

    @Test
    void badWeightsAreClearErrors() {
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(2).build();
        double[] negative = new double[(int) FAITHFUL.rows()];
        java.util.Arrays.fill(negative, 1);
        negative[5] = -1;
        assertTrue(assertThrows(Gen4jException.class, () -> trainer.fit(FAITHFUL, Nd4j.createFromArray(negative))).getMessage()
                .contains("row 5 has the weight -1.0"));
        assertTrue(assertThrows(Gen4jException.class, () -> trainer.fit(FAITHFUL, Nd4j.ones(3))).getMessage()
                .contains("3 weights for 272 rows"));
        double[] one = new double[(int) FAITHFUL.rows()];
        one[0] = 1;
        assertTrue(assertThrows(Gen4jException.class, () -> trainer.fit(FAITHFUL, Nd4j.createFromArray(one))).getMessage()
                .contains("1 rows have a weight above 0, fewer than the 2 components"));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double[] e = expected.dup('c').data().asDouble(), a = actual.dup('c').data().asDouble();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-9 * (1 + Math.abs(e[i])), what + " [" + i + "]");
        }
    }
}
