package org.gen4j.kernels;

import org.gen4j.kernels.ConvolutionOutput;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvolutionOutputTest {

    @Test
    void rowsToChannelsFirstWithBiasKeptPreActivationsAndLeakyRelu() {
        long b = 9, c = 5, h = 3, w = 4;                                      // 9 images: two threads
        INDArray products = Nd4j.randn(DataType.FLOAT, b * h * w, c), bias = Nd4j.randn(DataType.FLOAT, 1, c);
        INDArray expectedPre = products.reshape('c', b, h * w, c).permute(0, 2, 1).dup('c').reshape('c', b, c, h, w);
        for (int ch = 0; ch < c; ch++) {
            expectedPre.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(ch)).addi(bias.getFloat(ch));
        }
        INDArray expected = new ActivationLReLU(0.25).getActivation(expectedPre.dup(), true);
        INDArray pre = Nd4j.create(DataType.FLOAT, b, c, h, w), z = Nd4j.create(DataType.FLOAT, b, c, h, w);
        assertTrue(ConvolutionOutput.finish(products, bias, 0.25, pre, z));
        assertEquals(expectedPre, pre);
        assertEquals(expected, z);
        // already channels-first, in place: the same without the transpose
        INDArray again = expectedPre.sub(bias.getFloat(0)).dup();              // any channels-first values
        INDArray inPlace = again.dup(), pre2 = Nd4j.create(DataType.FLOAT, b, c, h, w);
        assertTrue(ConvolutionOutput.finish(null, null, 0.0, pre2, inPlace));
        assertEquals(again, pre2);
        assertEquals(org.nd4j.linalg.ops.transforms.Transforms.relu(again, true), inPlace);
    }

    @Test
    void float64AndMismatchedShapesAreLeftToNd4j() {
        INDArray z = Nd4j.create(DataType.DOUBLE, 2, 3, 2, 2), pre = Nd4j.create(DataType.DOUBLE, 2, 3, 2, 2);
        assertFalse(ConvolutionOutput.finish(Nd4j.rand(DataType.DOUBLE, 8, 3), null, 0, pre, z));
        INDArray zf = Nd4j.create(DataType.FLOAT, 2, 3, 2, 2), pref = Nd4j.create(DataType.FLOAT, 2, 3, 2, 2);
        assertFalse(ConvolutionOutput.finish(Nd4j.rand(DataType.FLOAT, 8, 4), null, 0, pref, zf), "channels");
    }

    @Test
    void backwardStartGivesTheRectifiedGradientAsRowsAndTheBiasGradient() {
        long b = 9, c = 5, h = 3, w = 4;
        INDArray z = Nd4j.randn(DataType.FLOAT, b, c, h, w), epsilon = Nd4j.randn(DataType.FLOAT, b, c, h, w);
        INDArray expectedDelta = new ActivationLReLU(0.25).backprop(z.dup(), epsilon.dup()).getFirst();
        INDArray expectedRows = expectedDelta.reshape('c', b, c, h * w).permute(0, 2, 1).dup('c').reshape('c', b * h * w, c);
        INDArray rows = Nd4j.create(DataType.FLOAT, b * h * w, c);
        double[] bias = new double[(int) c];
        assertTrue(ConvolutionOutput.startBackward(z, epsilon, 0.25, rows, bias));
        assertEquals(expectedRows, rows);
        INDArray expectedBias = expectedDelta.castTo(DataType.DOUBLE).sum(0, 2, 3);
        for (int ch = 0; ch < c; ch++) {
            assertEquals(expectedBias.getDouble(ch), bias[ch], 1e-5);
        }
    }
}
