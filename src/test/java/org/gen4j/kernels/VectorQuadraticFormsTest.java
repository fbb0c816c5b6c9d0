package org.gen4j.kernels;

import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.LogSumExp;
import org.gen4j.stats.PreparedData;
import org.gen4j.kernels.SimdKernels;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The SIMD products with on-the-fly second-order features equal BLAS products with the materialised features. */
@EnabledIf("org.gen4j.kernels.SimdKernels#available")
class VectorQuadraticFormsTest {

    /** Row counts with and without a ragged last vector, over the two-thread threshold; k below, at and above 8. */
    @ParameterizedTest
    @CsvSource({"full, 5, 1003, 3", "full, 16, 20000, 8", "tied, 4, 37, 11", "diag, 7, 16411, 1", "spherical, 3, 9, 17",
            "diag, 16, 5, 8"})
    void projectionsAndWeightedSumsEqualTheFeatureMatrixProducts(String covariance, int d, int n, int k) {
        Nd4j.getRandom().setSeed(n + d + k);
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, d).muli(6).subi(2);
        PreparedData data = PreparedData.of(x, x.mean(true, 0).addi(0.3), CovarianceType.parse(covariance));
        int columns = (int) data.features().columns();               // builds the matrix the kernels do without
        INDArray weights = Nd4j.rand(DataType.DOUBLE, columns, k).subi(0.5);

        INDArray expected = PreparedData.project(data.features(), weights);
        INDArray actual = data.project(weights);
        assertEquals(0.0, actual.sub(expected).amaxNumber().doubleValue(), 1e-12 * scale(expected), "q(X) W");
        assertEquals('f', actual.ordering());

        INDArray resp = Nd4j.rand(DataType.DOUBLE, n, k).dup('f');
        INDArray expectedSums = PreparedData.weightedSums(resp, data.features());
        INDArray actualSums = data.weightedSums(resp);
        assertEquals(0.0, actualSums.sub(expectedSums).amaxNumber().doubleValue(), 1e-12 * scale(expectedSums), "Rᵀ q(X)");
        INDArray rowMajorResp = resp.dup('c');
        assertEquals(0.0, data.weightedSums(rowMajorResp).sub(expectedSums).amaxNumber().doubleValue(),
                1e-12 * scale(expectedSums), "row-major responsibilities");
    }

    /** The fused pass (E-step, normalisation, M-step sums) gives what the three separate BLAS and ND4J steps give. */
    @ParameterizedTest
    @CsvSource({"full, 6, 20011, 8", "diag, 16, 16389, 3", "tied, 3, 30, 10", "spherical, 5, 8200, 1"})
    void theFusedExpectationPassEqualsTheSeparateSteps(String covariance, int d, int n, int k) {
        Nd4j.getRandom().setSeed(7L * n + k);
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, d).muli(4).subi(1);
        PreparedData data = PreparedData.of(x, x.mean(true, 0), CovarianceType.parse(covariance));
        int columns = (int) data.features().columns();
        // weights of a proper log-density shape: the quadratic part negative so that rows differ by tens of nats
        INDArray weights = Nd4j.rand(DataType.DOUBLE, columns, k).subi(0.5).muli(3);

        INDArray logDensities = PreparedData.project(data.features(), weights).dup('c');   // ND4J's log-sum-exp
        LogSumExp.Normalized separate = LogSumExp.normalizeRows(logDensities);
        INDArray expectedSums = PreparedData.weightedSums(separate.probabilities(), data.features());
        double expectedLogLikelihood = separate.logSums().sumNumber().doubleValue();
        int expectedWorst = Nd4j.argMin(separate.logSums()).getInt(0);

        PreparedData.ExpectationTotals fused = data.expectationTotals(weights);
        assertEquals(0.0, fused.weightedSums().sub(expectedSums).amaxNumber().doubleValue(), 1e-11 * scale(expectedSums));
        assertEquals(expectedLogLikelihood, fused.logLikelihoodSum(), 1e-12 * Math.abs(expectedLogLikelihood));
        assertEquals(expectedWorst, fused.worstRow());
        assertEquals(separate.logSums().getDouble(expectedWorst), fused.worstLogLikelihood(), 1e-12 * scale(separate.logSums()));
    }

    @ParameterizedTest
    @CsvSource({"full", "diag"})
    void theFeatureMatrixIsNotBuiltUnlessAskedFor(String covariance) throws Exception {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 100, 6);
        PreparedData data = PreparedData.of(x, x.mean(true, 0), CovarianceType.parse(covariance));
        data.project(Nd4j.rand(DataType.DOUBLE, covariance.equals("full") ? 21 + 7 : 13, 2));
        data.weightedSums(Nd4j.rand(DataType.DOUBLE, 100, 2));
        java.lang.reflect.Field features = PreparedData.class.getDeclaredField("features");
        features.setAccessible(true);
        assertNull(features.get(data), "the kernels work from the data alone");
    }

    private static double scale(INDArray a) {
        return Math.max(1, a.amaxNumber().doubleValue());
    }
}
