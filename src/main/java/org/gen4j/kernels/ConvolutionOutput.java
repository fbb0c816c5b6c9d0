package org.gen4j.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The end of a convolution's forward pass in one pass per image, float32: the products (rows {@code [b·P, oC]}, or
 * already channels-first) to NCHW, the per-channel bias added, the pre-activations kept for the backward pass and
 * the (leaky) ReLU applied. ND4J took a batched transpose, a broadcast, a copy and the activation (a tenth of a
 * DCGAN iteration). Images are split between two threads ({@link ImageParts}). Float64 and other activations take ND4J's path.
 */
public final class ConvolutionOutput {
    private static final boolean CPU = org.gen4j.kernels.SimdKernels.cpuBackend();

    private ConvolutionOutput() {
    }

    /**
     * @param products [b·P, oC] row-major, or null when {@code z} already holds the channels-first values
     * @param bias [oC] or null @param slope below zero (0 ReLU, 1 no activation)
     * @param pre [b, oC, oH, oW] row-major, written @param z [b, oC, oH, oW] row-major: the activations, written
     * @return false (nothing written) when the arrays do not suit
     */
    public static boolean finish(INDArray products, INDArray bias, double slope, INDArray pre, INDArray z) {
        long examples = z.size(0), channels = z.size(1), positions = z.size(2) * z.size(3);
        boolean suits = CPU && z.rank() == 4 && z.dataType() == DataType.FLOAT && pre.dataType() == DataType.FLOAT
                && ElementwiseKernels.denseRowMajor(z) && ElementwiseKernels.denseRowMajor(pre) && java.util.Arrays.equals(z.shape(), pre.shape())
                && (products == null || (products.dataType() == DataType.FLOAT && ElementwiseKernels.denseRowMajor(products)
                        && products.rows() == examples * positions && products.columns() == channels))
                && (bias == null || (bias.dataType() == DataType.FLOAT && bias.length() == channels))
                && NativeArray.suits(z) && NativeArray.suits(pre) && (products == null || NativeArray.suits(products));
        if (!suits) {
            return false;
        }
        float[] b = bias == null ? new float[(int) channels] : bias.dup().data().asFloat();
        int c = (int) channels, p = (int) positions, image = c * p;
        NativeArray source = NativeArray.of(products == null ? z : products), preOut = NativeArray.of(pre), out = NativeArray.of(z);
        float rectifier = (float) slope;
        ImageParts.forEach(examples, (part, from, end) -> {
            float[] in = new float[image], kept = new float[image], activated = new float[image];
            for (int i = from; i < end; i++) {
                source.read(i * image, in, 0, image);
                for (int ch = 0; ch < c; ch++) {
                    float shift = b[ch];
                    for (int q = 0; q < p; q++) {
                        float v = (products == null ? in[ch * p + q] : in[q * c + ch]) + shift;
                        kept[ch * p + q] = v;
                        activated[ch * p + q] = v > 0 ? v : v * rectifier;
                    }
                }
                preOut.write(i * image, kept, 0, image);
                out.write(i * image, activated, 0, image);
            }
        });
        return true;
    }

    /**
     * The start of a convolution's backward pass in one pass per image, float32: δ = ε where z > 0 and slope · ε
     * elsewhere, written as rows {@code [b·P, oC]} for the products, with the bias gradient Σδ per channel (float64,
     * the two threads' halves added in order).
     *
     * @param z [b, oC, oH, oW] the kept pre-activations @param epsilon dL/da, like z @param deltaRows [b·P, oC] row-major, written
     * @param biasGradient [oC] written, or null @return false (nothing written) when the arrays do not suit
     */
    public static boolean startBackward(INDArray z, INDArray epsilon, double slope, INDArray deltaRows, double[] biasGradient) {
        long examples = z.size(0), channels = z.size(1), positions = z.size(2) * z.size(3);
        boolean suits = CPU && z.rank() == 4 && z.dataType() == DataType.FLOAT && epsilon.dataType() == DataType.FLOAT
                && deltaRows.dataType() == DataType.FLOAT && java.util.Arrays.equals(z.shape(), epsilon.shape())
                && ElementwiseKernels.denseRowMajor(z) && ElementwiseKernels.denseRowMajor(epsilon) && ElementwiseKernels.denseRowMajor(deltaRows)
                && deltaRows.rows() == examples * positions && deltaRows.columns() == channels
                && NativeArray.suits(z) && NativeArray.suits(epsilon) && NativeArray.suits(deltaRows);
        if (!suits) {
            return false;
        }
        int c = (int) channels, p = (int) positions, image = c * p;
        NativeArray pre = NativeArray.of(z), eps = NativeArray.of(epsilon), rows = NativeArray.of(deltaRows);
        float rectifier = (float) slope;
        double[][] partSums = new double[ImageParts.count(examples)][c];
        ImageParts.forEach(examples, (part, from, end) -> {
            float[] zs = new float[image], es = new float[image], out = new float[image];
            double[] sums = partSums[part];
            for (int i = from; i < end; i++) {
                pre.read(i * image, zs, 0, image);
                eps.read(i * image, es, 0, image);
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    for (int q = 0; q < p; q++) {
                        float e = es[ch * p + q];
                        float d = zs[ch * p + q] > 0 ? e : e * rectifier;
                        out[q * c + ch] = d;
                        sum += d;
                    }
                    sums[ch] += sum;
                }
                rows.write(i * image, out, 0, image);
            }
        });
        if (biasGradient != null) {
            java.util.Arrays.fill(biasGradient, 0.0);
            for (double[] sums : partSums) {
                for (int ch = 0; ch < c; ch++) {
                    biasGradient[ch] += sums[ch];
                }
            }
        }
        return true;
    }
}
