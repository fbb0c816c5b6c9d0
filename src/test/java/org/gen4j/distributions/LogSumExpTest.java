package org.gen4j.distributions;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogSumExpTest {

    @Test
    void normalizedRowsMatchTheDirectFormula() {
        double[][] values = {{-1.5, 0.25, 3.0}, {-800, -801, -799.5}, {700, 710, 705}, {0, 0, 0}};
        for (char order : new char[]{'c', 'f'}) {
            INDArray a = Nd4j.createFromArray(values).dup(order);
            LogSumExp.Normalized n = LogSumExp.normalizeRows(a);
            for (int i = 0; i < values.length; i++) {
                double max = Math.max(values[i][0], Math.max(values[i][1], values[i][2]));
                double sum = 0;
                for (double v : values[i]) {
                    sum += Math.exp(v - max);
                }
                assertEquals(max + Math.log(sum), n.logSums().getDouble(i), 1e-12 * Math.max(1, Math.abs(max)), "row " + i);
                for (int j = 0; j < 3; j++) {
                    assertEquals(Math.exp(values[i][j] - max) / sum, n.probabilities().getDouble(i, j), 1e-14, "row " + i + ", column " + j);
                }
            }
        }
    }

    @Test
    void aRowOfMinusInfinityHasLogSumMinusInfinityAndLeavesOtherRowsAlone() {
        double inf = Double.NEGATIVE_INFINITY;
        INDArray a = Nd4j.createFromArray(new double[][]{{inf, inf}, {Math.log(0.25), Math.log(0.75)}});
        LogSumExp.Normalized n = LogSumExp.normalizeRows(a);
        assertEquals(inf, n.logSums().getDouble(0));
        assertEquals(0.0, n.logSums().getDouble(1), 1e-15);
        assertEquals(0.75, n.probabilities().getDouble(1, 1), 1e-15);
    }

    @Test
    void weightedSumsAreTheProductOfTheTransposedResponsibilitiesWithTheData() {
        INDArray data = Nd4j.rand(DataType.DOUBLE, 50, 7).dup('f');
        INDArray resp = Nd4j.rand(DataType.DOUBLE, 50, 3);
        INDArray expected = resp.transpose().mmul(data);
        for (char order : new char[]{'c', 'f'}) {
            INDArray sums = PreparedData.weightedSums(resp.dup(order), data);
            assertEquals(0.0, sums.sub(expected).amaxNumber().doubleValue(), 1e-12, "responsibilities in order " + order);
        }
    }
}
