package org.gen4j.stats;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rows prepared from the heap (a Spark block) are the rows prepared through ND4J, bit for bit. */
class PreparedDataTest {
    private static final int ROWS = 1_000;   // not a multiple of the transposing tile
    private static final int COLUMNS = 5;

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void heapRowsPrepareToTheSameBitsAsAnNd4jMatrix(CovarianceType type) {
        double[] rows = randomRows(new Random(3));
        INDArray shift = Nd4j.createFromArray(new double[][]{{0.5, -1, 2, 0.25, 3}});
        PreparedData viaNd4j = PreparedData.of(Nd4j.create(rows, new long[]{ROWS, COLUMNS}, 'c'), shift, type);
        PreparedData fromHeap = PreparedData.ofRowMajor(rows, COLUMNS, shift, type, "training data");

        Random random = new Random(5);
        double[][] w = new double[viaNd4j.secondOrderColumns() + COLUMNS + 1][3];
        for (double[] row : w) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextDouble() - 0.5;
            }
        }
        INDArray weights = Nd4j.createFromArray(w);
        assertEquals(viaNd4j.rows(), fromHeap.rows());
        assertBitIdentical(viaNd4j.shift(), fromHeap.shift(), "shift");
        assertBitIdentical(viaNd4j.project(weights), fromHeap.project(weights), "log-densities");
        PreparedData.ExpectationTotals expected = viaNd4j.expectationTotals(weights);
        PreparedData.ExpectationTotals actual = fromHeap.expectationTotals(weights);
        assertBitIdentical(expected.weightedSums(), actual.weightedSums(), "the M-step's sums");
        assertEquals(Double.doubleToLongBits(expected.logLikelihoodSum()), Double.doubleToLongBits(actual.logLikelihoodSum()));
        assertEquals(expected.worstRow(), actual.worstRow());
        assertBitIdentical(viaNd4j.originalRow(expected.worstRow()), fromHeap.originalRow(actual.worstRow()), "the worst row");
        assertBitIdentical(viaNd4j.features(), fromHeap.features(), "the feature matrix");
        assertBitIdentical(viaNd4j.squaredNorms(), fromHeap.squaredNorms(), "squared norms");
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void aNonFiniteValueOnTheHeapIsTheSameErrorAsInAMatrix(CovarianceType type) {
        double[] rows = randomRows(new Random(4));
        rows[777 * COLUMNS + 2] = Double.POSITIVE_INFINITY;
        INDArray shift = Nd4j.zeros(1, COLUMNS);
        Gen4jException e = assertThrows(Gen4jException.class,
                () -> PreparedData.ofRowMajor(rows, COLUMNS, shift, type, "training data"));
        assertEquals("training data has Infinity at row 777, column 2 (rows and columns counted from 0)", e.getMessage());
        rows[777 * COLUMNS + 2] = Double.NaN;
        assertThrows(Gen4jException.class, () -> PreparedData.ofRowMajor(rows, COLUMNS, shift, type, "training data"));
    }

    private static double[] randomRows(Random random) {
        double[] rows = new double[ROWS * COLUMNS];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 10 * random.nextGaussian();
        }
        return rows;
    }
}
