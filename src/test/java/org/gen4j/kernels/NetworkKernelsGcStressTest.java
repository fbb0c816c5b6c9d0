package org.gen4j.kernels;

import org.gen4j.kernels.ChannelKernels;
import org.gen4j.kernels.ConvolutionOutput;
import org.gen4j.kernels.DirectBlas;
import org.gen4j.kernels.ElementwiseKernels;
import org.gen4j.kernels.PatchRows;
import org.gen4j.nn.SharedProducts;
import org.gen4j.testing.GcStress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every native-memory entry point of the networks' kernels gives the same bits while collections run beside it,
 * fed arrays that nothing else holds once the call has started. Sizes above a chunk (2,048 values), in float32 and
 * float64, and shared between threads where the kernel splits its work.
 */
@EnabledIf("org.gen4j.kernels.SimdKernels#available")
class NetworkKernelsGcStressTest {
    private static final int WARM_UP = 100, ROUNDS = 200;
    private static INDArray x64, logits64, x32, logits32, images32, images64, latent64;

    @BeforeAll
    static void arrays() {
        Nd4j.getRandom().setSeed(21);
        x64 = Nd4j.rand(DataType.DOUBLE, 64, 300);
        logits64 = Nd4j.randn(DataType.DOUBLE, 64, 300).muli(3);
        x32 = x64.castTo(DataType.FLOAT);
        logits32 = logits64.castTo(DataType.FLOAT);
        images32 = Nd4j.randn(DataType.FLOAT, 9, 3, 14, 14);
        images64 = images32.castTo(DataType.DOUBLE);
        latent64 = Nd4j.randn(DataType.DOUBLE, 256, 40);
    }

    private static double[] values(INDArray... arrays) {
        return Stream.of(arrays).flatMapToDouble(a -> DoubleStream.of(a.castTo(DataType.DOUBLE).dup('c').data().asDouble())).toArray();
    }

    private static void stress(String what, Supplier<double[]> computation) {
        GcStress.assertSameBitsUnderCollection(what, WARM_UP, ROUNDS, computation);
    }

    @Test
    void bernoulliPasses() {
        for (INDArray[] xl : new INDArray[][]{{x64, logits64}, {x32, logits32}}) {
            DataType type = xl[0].dataType();
            stress("bernoulli " + type, () -> {
                INDArray loss = Nd4j.create(type, 64, 300), gradient = Nd4j.create(type, 64, 300);
                assertTrue(ElementwiseKernels.bernoulli(xl[0].dup(), xl[1].dup(), loss, gradient), "the kernel takes these arrays");
                return values(loss, gradient);
            });
            stress("bernoulli rows " + type, () -> {
                double[] rowLoss = new double[64];
                INDArray gradient = Nd4j.create(type, 64, 300);
                assertTrue(ElementwiseKernels.bernoulliRows(xl[0].dup(), xl[1].dup(), rowLoss, gradient), "the kernel takes these arrays");
                return DoubleStream.concat(DoubleStream.of(rowLoss), DoubleStream.of(values(gradient))).toArray();
            });
        }
    }

    @Test
    void klRectifierDenseOutputAndAdam() {
        stress("standard normal KL", () -> {
            INDArray perRow = Nd4j.create(DataType.DOUBLE, 256), gradient = Nd4j.create(DataType.DOUBLE, 256, 40);
            assertTrue(ElementwiseKernels.standardNormalKl(latent64.dup(), 0.5, perRow, gradient), "the kernel takes these arrays");
            return values(perRow, gradient);
        });
        for (INDArray z : new INDArray[]{logits64, logits32}) {
            stress("rectifier backward " + z.dataType(), () -> {
                INDArray out = Nd4j.create(z.dataType(), 64, 300);
                assertTrue(ElementwiseKernels.wherePositive(z.dup(), z.mul(0.5), 0.01, out), "the kernel takes these arrays");
                return values(out);
            });
            stress("dense output " + z.dataType(), () -> {
                INDArray activated = z.dup(), pre = Nd4j.create(z.dataType(), 64, 300);
                assertTrue(ElementwiseKernels.denseOutput(activated, z.getRow(3).dup(), 0.2, pre), "the kernel takes these arrays");
                return values(activated, pre);
            });
            stress("adam " + z.dataType(), () -> {
                INDArray flat = z.reshape(z.length()), gradient = flat.dup(), m = flat.mul(0.1), v = flat.mul(flat), params = flat.mul(2);
                assertTrue(ElementwiseKernels.adam(gradient, 4, m, v, 0.9, 0.999, 1e-8, 1e-3, params), "the kernel takes these arrays");
                return values(gradient, m, v, params);
            });
        }
    }

    @Test
    void channelPasses() {
        for (INDArray images : new INDArray[]{images32, images64}) {
            double[] scale = {0.5, -1, 2}, other = {1, 2, 3}, shift = {0.1, 0.2, 0.3};
            stress("per-channel affine " + images.dataType(), () -> {
                INDArray out = Nd4j.create(images.dataType(), images.shape());
                assertTrue(ChannelKernels.perChannelAffine(images.dup(), scale, images.mul(2), other, shift, out), "the kernel takes these arrays");
                return values(out);
            });
            stress("plane sums " + images.dataType(), () -> {
                double[][] sums = ChannelKernels.planeSums(images.dup(), images.mul(3));
                return DoubleStream.concat(DoubleStream.of(sums[0]), DoubleStream.of(sums[1])).toArray();
            });
            INDArray rows = images.reshape(images.size(0) * 3, 14 * 14).dup();
            stress("per-column affine " + images.dataType(), () -> {
                double[] columns = new double[14 * 14];
                java.util.Arrays.fill(columns, 0.75);
                INDArray out = Nd4j.create(images.dataType(), rows.shape());
                assertTrue(ChannelKernels.perColumnAffine(rows.dup(), columns, rows.mul(2), columns, columns, out), "the kernel takes these arrays");
                return values(out);
            });
            stress("column sums " + images.dataType(), () -> {
                double[][] sums = ChannelKernels.columnSums(rows.dup(), rows.mul(3));
                return DoubleStream.concat(DoubleStream.of(sums[0]), DoubleStream.of(sums[1])).toArray();
            });
        }
    }

    @Test
    void patchRowsAndConvolutionOutput() {
        int[] kernel = {4, 4}, stride = {2, 2}, padding = {1, 1}, dilation = {1, 1};
        PatchRows patches = PatchRows.of(3, 14, 14, 7, 7, kernel, stride, padding, dilation);
        for (INDArray images : new INDArray[]{images32, images64}) {
            stress("im2col rows " + images.dataType(), () -> {
                INDArray rows = Nd4j.create(images.dataType(), 9L * 49, 3L * 16);
                assertTrue(patches.unfold(images.dup(), rows), "the kernel takes these arrays");
                return values(rows);
            });
            INDArray rows = Nd4j.randn(images.dataType(), 9L * 49, 3L * 16);
            stress("col2im " + images.dataType(), () -> {
                INDArray folded = Nd4j.create(images.dataType(), images.shape());
                assertTrue(patches.fold(rows.dup(), folded), "the kernel takes these arrays");
                return values(folded);
            });
        }
        INDArray products = Nd4j.randn(DataType.FLOAT, 9L * 196, 3);
        INDArray bias = Nd4j.createFromArray(0.1f, -0.2f, 0.3f);
        stress("convolution output", () -> {
            INDArray pre = Nd4j.create(DataType.FLOAT, 9, 3, 14, 14), z = Nd4j.create(DataType.FLOAT, 9, 3, 14, 14);
            assertTrue(ConvolutionOutput.finish(products.dup(), bias.dup(), 0.2, pre, z), "the kernel takes these arrays");
            return values(pre, z);
        });
        stress("convolution backward start", () -> {
            INDArray deltaRows = Nd4j.create(DataType.FLOAT, 9L * 196, 3);
            double[] biasGradient = new double[3];
            assertTrue(ConvolutionOutput.startBackward(images32.dup(), images32.mul(0.5), 0.2, deltaRows, biasGradient), "the kernel takes these arrays");
            return DoubleStream.concat(DoubleStream.of(values(deltaRows)), DoubleStream.of(biasGradient)).toArray();
        });
    }

    @Test
    void directProductsAloneAndShared() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.randn(type, 'f', 128, 300), b = Nd4j.randn(type, 'f', 300, 200);
            stress("gemm " + type, () -> {
                INDArray out = Nd4j.create(type, new long[]{128, 200}, 'f');
                assertTrue(DirectBlas.gemm(a.dup('f'), false, b.dup('f'), false, out), "the kernel takes these arrays");
                return values(out);
            });
            stress("gemm shared " + type, () -> {
                INDArray out = Nd4j.create(type, new long[]{128, 200}, 'f');
                try (SharedProducts.Scope ignored = SharedProducts.whileTraining()) {
                    assertTrue(DirectBlas.gemm(a.dup('f'), false, b.dup('f'), false, out), "the kernel takes these arrays");
                }
                return values(out);
            });
        }
    }
}
