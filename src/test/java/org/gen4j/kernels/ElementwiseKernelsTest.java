package org.gen4j.kernels;

import org.gen4j.kernels.ChannelKernels;
import org.gen4j.kernels.ElementwiseKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIMD element-by-element passes against the same formulas in plain Java, value by value. */
@EnabledIf("org.gen4j.kernels.SimdKernels#available")
class ElementwiseKernelsTest {

    /** −log p(x | l) = softplus(l) − x l and σ(l) − x with Math's exp and log1p. */
    private static double loss(double x, double l) {
        return Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - x * l;
    }

    private static double gradient(double x, double l) {
        return 1 / (1 + Math.exp(-l)) - x;
    }

    @Test
    void bernoulliLossAndGradientMatchTheFormulasInFloat64() {
        // ragged length (not a whole number of vectors or chunks), extreme and special logits
        int rows = 3, columns = 1531;
        INDArray logits = Nd4j.randn(DataType.DOUBLE, rows, columns).muli(6);
        logits.putScalar(0, 0, 0.0);
        logits.putScalar(0, 1, 800.0);
        logits.putScalar(0, 2, -800.0);
        logits.putScalar(0, 3, 1e-300);
        logits.putScalar(0, 4, Math.sqrt(2) - 1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, rows, columns);
        INDArray loss = Nd4j.create(DataType.DOUBLE, rows, columns), grad = Nd4j.create(DataType.DOUBLE, rows, columns);
        assertTrue(ElementwiseKernels.bernoulli(x, logits, loss, grad));
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double xi = x.getDouble(i, j), l = logits.getDouble(i, j);
                // a few ulp of the terms softplus(l) and x l, which cancel
                assertEquals(loss(xi, l), loss.getDouble(i, j), 4e-16 * (1 + 2 * Math.abs(l)), "loss at " + i + "," + j);
                assertEquals(gradient(xi, l), grad.getDouble(i, j), 4e-16, "gradient at " + i + "," + j);
            }
        }
        assertEquals(Math.log(2) - 0.0, loss.getDouble(0, 0) + x.getDouble(0, 0) * 0.0, 1e-16);
    }

    @Test
    void bernoulliInFloat32IsTheFloat64ResultRounded() {
        INDArray logits = Nd4j.randn(DataType.FLOAT, 7, 301).muli(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 301);
        INDArray loss = Nd4j.create(DataType.FLOAT, 7, 301), grad = Nd4j.create(DataType.FLOAT, 7, 301);
        assertTrue(ElementwiseKernels.bernoulli(x, logits, loss, grad));
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 301; j++) {
                double xi = x.getFloat(i, j), l = logits.getFloat(i, j);
                assertEquals((float) loss(xi, l), loss.getFloat(i, j), Math.ulp((float) loss(xi, l)));
                assertEquals((float) gradient(xi, l), grad.getFloat(i, j), Math.ulp((float) gradient(xi, l)));
            }
        }
    }

    @Test
    void bernoulliRowsInFloat32LanesStayWithinAFewUlpOfTheFormulas() {
        for (int columns : new int[]{1531, 3001}) {                 // rows shorter and longer than a chunk
            int rows = 5;
            INDArray logits = Nd4j.randn(DataType.FLOAT, rows, columns).muli(8);
            float[] extremes = {0f, 100f, -100f, 88f, -87.5f, -86.9f, 1e-30f, 17f, -17f, 0.5f};
            for (int j = 0; j < extremes.length; j++) {
                logits.putScalar(1, j, extremes[j]);
            }
            INDArray x = Nd4j.rand(DataType.FLOAT, rows, columns);
            x.putScalar(2, 0, 0f);
            x.putScalar(2, 1, 1f);
            INDArray grad = Nd4j.create(DataType.FLOAT, rows, columns);
            double[] rowLoss = new double[rows];
            assertTrue(ElementwiseKernels.bernoulliRows(x, logits, rowLoss, grad));
            for (int i = 0; i < rows; i++) {
                double expected = 0;
                for (int j = 0; j < columns; j++) {
                    double xi = x.getFloat(i, j), l = logits.getFloat(i, j);
                    expected += loss(xi, l);
                    assertEquals(gradient(xi, l), grad.getFloat(i, j), 3e-7, "gradient at " + i + "," + j + ", logit " + l);
                }
                assertEquals(expected, rowLoss[i], 2e-6 * expected, "row " + i);
            }
        }
    }

    @Test
    void viewsByOffsetAndEitherOutputAlone() {
        INDArray big = Nd4j.randn(DataType.DOUBLE, 10, 40);
        INDArray logits = big.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());            // offset 120
        INDArray x = Nd4j.rand(DataType.DOUBLE, 10, 40).get(NDArrayIndex.interval(5, 9), NDArrayIndex.all());
        INDArray lossOnly = Nd4j.create(DataType.DOUBLE, 4, 40), gradOnly = Nd4j.create(DataType.DOUBLE, 4, 40);
        assertTrue(ElementwiseKernels.bernoulli(x, logits, lossOnly, null));
        assertTrue(ElementwiseKernels.bernoulli(x, logits, null, gradOnly));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 40; j++) {
                assertEquals(loss(x.getDouble(i, j), logits.getDouble(i, j)), lossOnly.getDouble(i, j), 1e-14);
                assertEquals(gradient(x.getDouble(i, j), logits.getDouble(i, j)), gradOnly.getDouble(i, j), 1e-15);
            }
        }
    }

    @Test
    void arraysThatDoNotSuitAreLeftAlone() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 6);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 4, 6);
        assertFalse(ElementwiseKernels.bernoulli(a.castTo(DataType.DOUBLE), a, out, null), "mixed types");
        assertFalse(ElementwiseKernels.bernoulli(a.dup('f'), a, out, null), "mixed orders");
        assertFalse(ElementwiseKernels.bernoulli(Nd4j.rand(DataType.FLOAT, 6, 8).get(NDArrayIndex.all(), NDArrayIndex.interval(1, 7)).get(NDArrayIndex.interval(0, 4), NDArrayIndex.all()), a, out, null), "strided view");
        assertFalse(ElementwiseKernels.bernoulli(Nd4j.rand(DataType.FLOAT, 4, 5), a, out, null), "shapes");
        assertFalse(ElementwiseKernels.bernoulli(a.castTo(DataType.HALF), a.castTo(DataType.HALF), null, null), "float16");
        assertEquals(0.0, out.sumNumber().doubleValue());
    }

    @Test
    void rectifierBackwardPassInPlaceAndWithASlope() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            INDArray z = Nd4j.randn(type, 5, 333);
            z.putScalar(0, 0, 0.0);
            z.putScalar(0, 1, Double.NaN);
            INDArray epsilon = Nd4j.randn(type, 5, 333);
            for (double slope : new double[]{0.0, 0.2}) {
                INDArray out = z.dup();
                assertTrue(ElementwiseKernels.wherePositive(out, epsilon, slope, out));
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 333; j++) {
                        // float32 arrays in float32 arithmetic, as libnd4j's leaky ReLU takes its slope for them
                        double expected = z.getDouble(i, j) > 0 ? epsilon.getDouble(i, j)
                                : type == DataType.FLOAT ? (float) slope * epsilon.getFloat(i, j) : slope * epsilon.getDouble(i, j);
                        assertEquals(expected, out.getDouble(i, j), 0.0, type + " " + slope + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void perChannelAffineAndPlaneSumsOfImages() {
        // planes shorter than a vector, ragged, and longer than a chunk of the kernels
        for (long[] shape : new long[][]{{3, 5, 1, 3}, {4, 6, 7, 7}, {2, 3, 50, 51}}) {
            for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
                INDArray p = Nd4j.randn(type, shape), q = Nd4j.randn(type, shape);
                int channels = (int) shape[1];
                double[] pScale = Nd4j.randn(DataType.DOUBLE, channels).toDoubleVector();
                double[] qScale = Nd4j.randn(DataType.DOUBLE, channels).toDoubleVector();
                double[] shift = Nd4j.randn(DataType.DOUBLE, channels).toDoubleVector();
                INDArray out = Nd4j.create(type, shape), outWithoutQ = Nd4j.create(type, shape);
                assertTrue(ChannelKernels.perChannelAffine(p, pScale, q, qScale, shift, out));
                assertTrue(ChannelKernels.perChannelAffine(p, pScale, null, null, shift, outWithoutQ));
                double[][] sums = ChannelKernels.planeSums(p, q);
                double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-13;
                for (int i = 0; i < shape[0]; i++) {
                    for (int c = 0; c < channels; c++) {
                        double sum = 0, products = 0;
                        for (int h = 0; h < shape[2]; h++) {
                            for (int w = 0; w < shape[3]; w++) {
                                double pv = p.getDouble(i, c, h, w), qv = q.getDouble(i, c, h, w);
                                assertEquals(pv * pScale[c] + qv * qScale[c] + shift[c], out.getDouble(i, c, h, w), tolerance * 10);
                                assertEquals(pv * pScale[c] + shift[c], outWithoutQ.getDouble(i, c, h, w), tolerance * 10);
                                sum += pv;
                                products += pv * qv;
                            }
                        }
                        int plane = (int) (i * channels + c);
                        assertEquals(sum, sums[0][plane], 1e-12 * (1 + Math.abs(sum)), "sum of plane " + plane);
                        assertEquals(products, sums[1][plane], 1e-12 * (1 + Math.abs(products)), "products of plane " + plane);
                    }
                }
            }
        }
        assertEquals(null, ChannelKernels.planeSums(Nd4j.rand(DataType.DOUBLE, 3, 4), null), "not images");
    }

    @Test
    void standardNormalKlAndItsGradientPerRow() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            // 5 means and 5 log-variances per row; more rows than the kernels' chunks hold
            INDArray parameters = Nd4j.randn(type, 309, 10);
            INDArray kl = Nd4j.create(type, 309), gradient = Nd4j.create(type, 309, 10);
            assertTrue(ElementwiseKernels.standardNormalKl(parameters, 2.5, kl, gradient));
            double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-14;
            for (int i = 0; i < 309; i++) {
                double expected = 0;
                for (int j = 0; j < 5; j++) {
                    double mean = parameters.getDouble(i, j), logVariance = parameters.getDouble(i, 5 + j);
                    expected += 0.5 * (mean * mean + Math.exp(logVariance) - logVariance - 1);
                    assertEquals(2.5 * mean, gradient.getDouble(i, j), tolerance * 10);
                    assertEquals(2.5 * 0.5 * (Math.exp(logVariance) - 1), gradient.getDouble(i, 5 + j), tolerance * 10);
                }
                assertEquals(2.5 * expected, kl.getDouble(i), tolerance * 10 * (1 + expected));
            }
        }
        assertFalse(ElementwiseKernels.standardNormalKl(Nd4j.randn(DataType.DOUBLE, 4, 6).dup('f'), 1, null, null), "column-major");
    }

    @Test
    void denseOutputAddsTheBiasKeepsItAndRectifies() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            for (int width : new int[]{3, 37, 2100}) {                    // rows shorter and longer than a chunk
                INDArray z = Nd4j.randn(type, 5, width), bias = Nd4j.randn(type, 1, width);
                for (double slope : new double[]{0.0, 0.2, 1.0}) {
                    INDArray out = z.dup(), pre = Nd4j.create(type, 5, width);
                    assertTrue(ElementwiseKernels.denseOutput(out, bias, slope, pre));
                    INDArray expectedPre = z.addRowVector(bias);
                    assertEquals(expectedPre, pre);
                    for (int i = 0; i < 5; i++) {
                        for (int j = 0; j < width; j += 7) {
                            double v = expectedPre.getDouble(i, j);
                            // float32: rounded once from the float64 result (1 ulp from rounding the sum first)
                            assertEquals(v > 0 ? v : v * slope, out.getDouble(i, j), type == DataType.FLOAT ? Math.ulp((float) v) : 0.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void perColumnAffineAndColumnSumsOfRows() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            for (int width : new int[]{3, 37, 3136}) {                    // rows shorter and longer than a chunk
                INDArray p = Nd4j.randn(type, 6, width), q = Nd4j.randn(type, 6, width);
                double[] pScale = Nd4j.randn(DataType.DOUBLE, width).toDoubleVector(), qScale = Nd4j.randn(DataType.DOUBLE, width).toDoubleVector();
                double[] shift = Nd4j.randn(DataType.DOUBLE, width).toDoubleVector();
                INDArray out = Nd4j.create(type, 6, width);
                assertTrue(ChannelKernels.perColumnAffine(p, pScale, q, qScale, shift, out));
                double[][] sums = ChannelKernels.columnSums(p, q);
                double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-13;
                for (int j = 0; j < width; j += 5) {
                    double sum = 0, products = 0;
                    for (int i = 0; i < 6; i++) {
                        double pv = p.getDouble(i, j), qv = q.getDouble(i, j);
                        assertEquals(pv * pScale[j] + qv * qScale[j] + shift[j], out.getDouble(i, j), tolerance * 10);
                        sum += pv;
                        products += pv * qv;
                    }
                    assertEquals(sum, sums[0][j], 1e-12);
                    assertEquals(products, sums[1][j], 1e-12);
                }
            }
        }
    }
}
