package org.gen4j.vae;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VAE fills gaps by pseudo-Gibbs sampling: on iris (standardised), petal width hidden in 30 held-out rows comes
 * back far closer to the truth than its column mean does (petal length and width correlate at 0.96), observed
 * values stay as they were, and the same seed gives the same bits.
 */
class ImputationTest {
    private static final int PETAL_WIDTH = 3;
    private static INDArray train, heldOut;
    private static VariationalAutoencoder vae;

    @BeforeAll
    static void fit() {
        INDArray iris = Datasets.load("iris").features();
        INDArray standard = iris.subRowVector(iris.mean(0)).diviRowVector(iris.std(0));
        int[] order = new int[150];
        java.util.List<Integer> shuffled = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            shuffled.add(i);
        }
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        for (int i = 0; i < 150; i++) {
            order[i] = shuffled.get(i);
        }
        train = standard.getRows(java.util.Arrays.copyOfRange(order, 0, 120));
        heldOut = standard.getRows(java.util.Arrays.copyOfRange(order, 120, 150));
        VaeArchitecture a = VaeArchitecture.mlp(4).hidden(32).latent(2).likelihood(Likelihood.GAUSSIAN).variance(0.05).build();
        vae = new VaeTrainer(a).epochs(150).batchSize(32).seed(1).fit(train, train);
    }

    @Test
    void aHiddenColumnComesBackCloserThanItsMean() {
        INDArray gappy = heldOut.dup();
        gappy.getColumn(PETAL_WIDTH).assign(Double.NaN);
        gappy.putScalar(0, 0, Double.NaN);                       // and one more gap in a row that already has one
        INDArray completed = vae.impute(gappy, VariationalAutoencoder.DEFAULT_IMPUTATION_ROUNDS, 1);
        double[] truth = heldOut.getColumn(PETAL_WIDTH).toDoubleVector();
        double[] filled = completed.getColumn(PETAL_WIDTH).toDoubleVector();
        double trainMean = train.getColumn(PETAL_WIDTH).meanNumber().doubleValue();
        double vaeError = 0, meanError = 0;
        for (int i = 0; i < truth.length; i++) {
            vaeError += (filled[i] - truth[i]) * (filled[i] - truth[i]);
            meanError += (trainMean - truth[i]) * (trainMean - truth[i]);
        }
        vaeError = Math.sqrt(vaeError / truth.length);
        meanError = Math.sqrt(meanError / truth.length);
        System.out.printf("VAE imputation of petal width: RMSE %.3f, column mean %.3f%n", vaeError, meanError);
        assertTrue(vaeError < 0.5 * meanError, "RMSE " + vaeError + " vs the column mean's " + meanError);
        for (int c = 0; c < 3; c++) {
            for (int i = c == 0 ? 1 : 0; i < 30; i++) {
                assertEquals(heldOut.getDouble(i, c), completed.getDouble(i, c), 0.0, "observed value kept at " + i + "," + c);
            }
        }
        assertArrayEquals(completed.data().asDouble(), vae.impute(gappy, VariationalAutoencoder.DEFAULT_IMPUTATION_ROUNDS, 1).data().asDouble(),
                "same seed, same bits");
    }

    @Test
    void drawsSpreadAroundTheImputedValue() {
        INDArray gappy = heldOut.dup();
        gappy.getColumn(PETAL_WIDTH).assign(Double.NaN);
        double[] first = vae.imputeSample(gappy, 50, 1).getColumn(PETAL_WIDTH).toDoubleVector();
        double[] second = vae.imputeSample(gappy, 50, 2).getColumn(PETAL_WIDTH).toDoubleVector();
        int differ = 0;
        for (int i = 0; i < first.length; i++) {
            assertTrue(Double.isFinite(first[i]));
            differ += first[i] != second[i] ? 1 : 0;
        }
        assertEquals(first.length, differ, "two seeds, two different draws of every gap");
    }

    @Test
    void rowsWithNothingObservedAreFilledAndBadInputIsNamed() {
        INDArray allGone = heldOut.dup();
        allGone.getColumn(1).assign(Double.NaN);
        allGone.getColumn(PETAL_WIDTH).assign(Double.NaN);
        allGone.getColumn(0).assign(Double.NaN);
        allGone.getColumn(2).assign(Double.NaN);
        INDArray fromNothing = vae.impute(allGone, 10, 1);            // the model still knows every column
        assertTrue(java.util.Arrays.stream(fromNothing.data().asDouble()).allMatch(Double::isFinite));
        INDArray infinite = heldOut.dup();
        infinite.putScalar(2, 1, Double.POSITIVE_INFINITY);
        Gen4jException e = assertThrows(Gen4jException.class, () -> vae.impute(infinite, 10, 1));
        assertTrue(e.getMessage().contains("Infinity at row 2"), e.getMessage());
        e = assertThrows(Gen4jException.class, () -> vae.impute(heldOut, 0, 1));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
