package org.gen4j.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.gen4j.kernels.ConvolutionOutput;
import org.gen4j.kernels.PatchRows;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The running layer of {@link ContiguousIm2colConvolutionLayer}. libnd4j's im2col writes the input unrolled as
 * {@code [b, c·kH·kW, oH·oW]} into a contiguous buffer (its fast path), a batched transpose makes the rows
 * {@code C [b·oH·oW, c·kH·kW]}, and one product with the weights {@code W [oC, c·kH·kW]} gives every output; backward,
 * {@code dW = δᵀ C} and {@code dC = δ W}, folded back by col2im. A forward pass keeps {@code C} and the pre-activations
 * for the backward pass that follows it.
 */
final class ContiguousIm2colConvolution extends ConvolutionLayer implements NetworkInputGradients.Skippable {
    private final KeptForwardPass kept = new KeptForwardPass();   // z, C [b·P, K] and the padding
    private boolean inputGradientSkipped;
    boolean lastBackwardReused;          // whether the last backward pass used the cached forward pass (for tests)

    ContiguousIm2colConvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The cases this layer computes itself; the rest are DL4J's. */
    private boolean supported() {
        return ContiguousBlocks.applies(layerConf(), helper, input, maskArray);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        kept.clear();
        if (!supported()) {
            return super.activate(training, workspaceMgr);
        }
        // kept after inference-mode passes too: a frozen layer that passes gradients on (FrozenLayerWithBackprop,
        // the discriminator inside a GAN's generator step) runs its forward pass in inference mode
        return forward(training, workspaceMgr);
    }

    /** The activations of W col + b for every example, {@code [b, oC, oH, oW]}; keeps the pass for backprop. */
    private INDArray forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        int[] kernel = c.getKernelSize(), stride = c.getStride(), dilation = c.getDilation();
        long examples = input.size(0), channels = input.size(1);
        int[] out = ConvolutionUtils.getOutputSize(input, kernel, stride, c.getPadding(), convolutionMode, dilation, CNN2DFormat.NCHW);
        int[] padding = convolutionMode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(out, new int[]{(int) input.size(2), (int) input.size(3)}, kernel, stride, dilation)
                : c.getPadding();
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        long outChannels = weights.size(0), k = channels * kernel[0] * kernel[1], p = (long) out[0] * out[1];
        INDArray x = input.castTo(weights.dataType());
        INDArray columns = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), new long[]{examples * p, k}, 'c');
        if (!patches(x, out, padding).unfold(x, columns)) {
            INDArray col = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, weights.dataType(),
                    new long[]{examples, channels, kernel[0], kernel[1], out[0], out[1]}, 'c');
            Convolution.im2col(x, kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1],
                    dilation[0], dilation[1], convolutionMode == ConvolutionMode.Same, col);
            // [b, K, P] -> [b, P, K]: libnd4j's batched transpose is fast where its im2col into such a layout is not
            columns = ContiguousBlocks.rows(workspaceMgr, ArrayType.ACTIVATIONS, col.reshape('c', examples, k, p));
        }
        INDArray products = ContiguousBlocks.times(columns, weights.reshape('c', outChannels, k).transpose(), workspaceMgr,
                ArrayType.FF_WORKING_MEM);
        long[] shape = {examples, outChannels, out[0], out[1]};
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), shape, 'c');
        INDArray bias = c.hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        Double slope = Rectifiers.slopeOrIdentity(c.getActivationFn());
        INDArray pre = slope == null ? null : workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), shape, 'c');
        if (slope != null && ConvolutionOutput.finish(products, bias, slope, pre, z)) {
            kept.keepCopy(pre, input, columns, padding);
            return z;
        }
        ContiguousBlocks.assignRowsAsBlocks(z, products, examples, outChannels, p);
        if (bias != null) {
            ContiguousBlocks.addChannelBias(z, bias);
        }
        kept.keep(workspaceMgr, z, input, columns, padding);
        return c.getActivationFn().getActivation(z, training);   // in place on z
    }

    /** The patches of images shaped like {@code images} that this layer's kernel reads at an output grid {@code out}. */
    private PatchRows patches(INDArray images, int[] out, int[] padding) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        return PatchRows.of(images.size(1), images.size(2), images.size(3), out[0], out[1], c.getKernelSize(), c.getStride(), padding, c.getDilation());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        KeptForwardPass.Pass pass = kept.take(input);
        lastBackwardReused = pass != null && supported();
        if (!lastBackwardReused) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray z = pass.preActivations(), col = pass.unrolled();
        int[] padding = pass.padding();
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        int[] kernel = c.getKernelSize(), stride = c.getStride(), dilation = c.getDilation();
        long examples = z.size(0), outChannels = z.size(1), p = z.size(2) * z.size(3), k = col.size(1);
        INDArray eps = epsilon.castTo(z.dataType());
        INDArray deltaRows = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, z.dataType(), new long[]{examples * p, outChannels}, 'c');
        double[] biasGradient = c.hasBias() ? new double[(int) outChannels] : null;
        Double slope = Rectifiers.slopeOrIdentity(c.getActivationFn());
        INDArray delta = null;                                                                     // [b, oC, oH, oW]
        if (slope == null || !ConvolutionOutput.startBackward(z, eps, slope, deltaRows, biasGradient)) {
            delta = Rectifiers.backprop(c.getActivationFn(), z, eps);
            deltaRows = ContiguousBlocks.rows(workspaceMgr, ArrayType.BP_WORKING_MEM, delta.reshape('c', examples, outChannels, p));
        }
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray weightGradient = ContiguousBlocks.times(deltaRows.transpose(), col, workspaceMgr, ArrayType.BP_WORKING_MEM);   // δᵀ C
        Gradient gradient = delta != null ? ContiguousBlocks.gradient(c, gradientViews, weightGradient, delta)
                : ContiguousBlocks.gradientWithBias(c, gradientViews, weightGradient,
                biasGradient == null ? null : Nd4j.createFromArray(biasGradient).castTo(z.dataType()));
        if (inputGradientSkipped) {
            return new Pair<>(gradient, null);
        }
        INDArray columnGradientRows = ContiguousBlocks.times(deltaRows, weights.reshape('c', outChannels, k), workspaceMgr,
                ArrayType.BP_WORKING_MEM);                                                                 // δ W, [b·P, K]
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, z.dataType(), input.shape(), 'c');
        if (!patches(inputGradient, new int[]{(int) z.size(2), (int) z.size(3)}, padding).fold(columnGradientRows, inputGradient)) {
            INDArray columnGradient = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, z.dataType(),
                    new long[]{examples, input.size(1), kernel[0], kernel[1], z.size(2), z.size(3)}, 'c');
            ContiguousBlocks.assignRowsAsBlocks(columnGradient, columnGradientRows, examples, k, p);
            // ND4J's col2im takes the image height and width where its configuration names the kernel's
            Convolution.col2im(columnGradient, inputGradient, stride[0], stride[1], padding[0], padding[1],
                    (int) input.size(2), (int) input.size(3), dilation[0], dilation[1]);
        }
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    @Override
    public void skipInputGradient(boolean skip) {
        inputGradientSkipped = skip;
    }
}
