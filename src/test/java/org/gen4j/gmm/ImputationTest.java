package org.gen4j.gmm;

import org.gen4j.data.Datasets;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Filling gaps from a mixture: the conditional mean E[x_M | x_O] and draws from the conditional distribution. */
class ImputationTest {
    private static final GaussianMixture FAITHFUL = GaussianMixtureTrainer.builder().components(2).covariance(CovarianceType.FULL)
            .seed(1).build().fit(Datasets.load("faithful"));

    /** E[waiting | eruptions] = ∫ t p(eruptions, t) dt / ∫ p(eruptions, t) dt, by the trapezoid rule. */
    @Test
    void theConditionalMeanEqualsNumericalIntegration() {
        for (double eruptions : new double[]{1.9, 3.0, 4.4}) {
            int steps = 24_000;
            double h = 240.0 / steps;
            double[][] grid = new double[steps + 1][];
            for (int i = 0; i <= steps; i++) {
                grid[i] = new double[]{eruptions, -40 + i * h};
            }
            double[] density = Transforms.exp(FAITHFUL.logProb(Nd4j.createFromArray(grid)), false).toDoubleVector();
            double mass = 0, moment = 0;
            for (int i = 0; i <= steps; i++) {
                double w = (i == 0 || i == steps ? 0.5 : 1) * density[i] * h;
                mass += w;
                moment += w * grid[i][1];
            }
            INDArray filled = FAITHFUL.impute(Nd4j.createFromArray(new double[][]{{eruptions, Double.NaN}}));
            assertEquals(eruptions, filled.getDouble(0, 0), 0.0, "an observed value is kept");
            assertEquals(moment / mass, filled.getDouble(0, 1), 1e-8, "E[waiting | eruptions = " + eruptions + "]");
        }
    }

    /** The draws of multiple imputation average to the conditional mean (20,000 draws: within 4 standard errors). */
    @Test
    void drawsAverageToTheConditionalMean() {
        double[][] rows = new double[20_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[]{Double.NaN, 70.0};
        }
        INDArray draws = FAITHFUL.imputeSample(Nd4j.createFromArray(rows), 5).getColumn(0);
        double mean = draws.meanNumber().doubleValue();
        double standardError = draws.stdNumber().doubleValue() / Math.sqrt(rows.length);
        double expected = FAITHFUL.impute(Nd4j.createFromArray(new double[][]{{Double.NaN, 70.0}})).getDouble(0, 0);
        assertEquals(expected, mean, 4 * standardError);
        assertEquals(FAITHFUL.imputeSample(Nd4j.createFromArray(rows), 5), FAITHFUL.imputeSample(Nd4j.createFromArray(rows), 5),
                "the same seed gives the same draws");
    }
}
