package org.gen4j.stats;

import org.gen4j.kernels.SimdKernels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void theSimdPassGivesTheNd4jResultsOnManyRowsIncludingExtremeOnes() {
        // enough rows for two threads and a ragged last vector; -inf rows, huge and tiny values at every lane
        int n = 2 * 16_384 + 13;
        int k = 5;
        Random random = new Random(7);
        double[][] values = new double[n][k];
        for (int i = 0; i < n; i++) {
            double scale = switch (i % 4) { case 0 -> 1; case 1 -> 50; case 2 -> 700; default -> 1e-3; };
            for (int j = 0; j < k; j++) {
                values[i][j] = (random.nextDouble() - 0.7) * scale - (i % 3 == 0 ? 800 : 0);
            }
            if (i % 97 == 5 || i == n - 1) {
                values[i] = new double[]{Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            }
            if (i % 89 == 3) {
                values[i][2] = Double.NEGATIVE_INFINITY;
            }
        }
        INDArray columnMajor = Nd4j.createFromArray(values).dup('f');
        INDArray rowMajor = Nd4j.createFromArray(values);           // takes the ND4J operations
        INDArray simdLogSums = LogSumExp.ofRows(columnMajor.dup('f'));
        LogSumExp.Normalized simd = LogSumExp.normalizeRows(columnMajor);
        LogSumExp.Normalized nd4j = LogSumExp.normalizeRows(rowMajor);
        for (int i = 0; i < n; i++) {
            double expected = nd4j.logSums().getDouble(i);
            double tolerance = 1e-13 * Math.max(1, Math.abs(expected));
            assertEquals(expected, simd.logSums().getDouble(i), tolerance, "row " + i);
            assertEquals(expected, simdLogSums.getDouble(i), tolerance, "row " + i + ", log-sums only");
            for (int j = 0; j < k; j++) {
                assertEquals(nd4j.probabilities().getDouble(i, j), simd.probabilities().getDouble(i, j), 1e-14,
                        "row " + i + ", column " + j);
            }
        }
    }

    @Test
    void aColumnMajorViewIntoALargerArrayIsReadWhereItStarts() {
        INDArray whole = Nd4j.rand(DataType.DOUBLE, 3, 5, 43).muli(30);       // [3, 5, 43], 'c'
        INDArray slice = whole.get(NDArrayIndex.point(1)).transpose();       // [43, 5], column-major, offset 215
        assertTrue(slice.offset() > 0 && slice.stride(0) == 1, "a column-major view with an offset");
        INDArray expected = LogSumExp.ofRows(slice.dup('c'));
        INDArray actual = LogSumExp.ofRows(slice);
        assertEquals(0.0, actual.sub(expected).amaxNumber().doubleValue(), 1e-13);
    }

    @Test
    void theTestRunnerUsesTheSimdKernelsOnCpusWithWideVectors() throws Exception {
        // the pom's argLine loads the vector module; without it the kernels above would not be tested at all
        String cpu = Files.readString(Path.of("/proc/cpuinfo"));
        if (cpu.contains(" avx2") || cpu.contains(" avx512f")) {
            assertTrue(SimdKernels.available(), SimdKernels.describe());
        }
    }
}
