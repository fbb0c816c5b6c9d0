package org.gen4j.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
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

/**
 * The running layer of {@link ContiguousDeconvolution2D}. With the input as rows {@code X [b·H·W, iC]} and the
 * weights as {@code W [iC, oC·kH·kW]}, {@code X W} holds every output patch; col2im adds the patches up into
 * {@code [b, oC, oH, oW]}. Backward, im2col of the output gradient gives {@code D [b·H·W, oC·kH·kW]},
 * {@code dW = Xᵀ D} and {@code dX = D Wᵀ}. A forward pass keeps {@code X} and the pre-activations for the backward
 * pass that follows it.
 */
final class ContiguousDeconvolution extends Deconvolution2DLayer {
    private final KeptForwardPass kept = new KeptForwardPass();   // z, X [b·H·W, iC] and the padding
    boolean lastBackwardReused;          // whether the last backward pass used the cached forward pass (for tests)

    ContiguousDeconvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean supported() {
        return ContiguousBlocks.applies(layerConf(), helper, input, maskArray);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        kept.clear();
        if (!supported()) {
            return super.activate(training, workspaceMgr);
        }
        return forward(training, workspaceMgr);
    }

    private INDArray forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        int[] kernel = c.getKernelSize(), stride = c.getStride(), dilation = c.getDilation();
        long examples = input.size(0), inChannels = input.size(1), p = input.size(2) * input.size(3);
        int[] out = ConvolutionUtils.getDeconvolutionOutputSize(input, kernel, stride, c.getPadding(), convolutionMode, dilation, CNN2DFormat.NCHW);
        // the padding of the convolution this one transposes: from the output size back to the input's
        int[] padding = convolutionMode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(new int[]{(int) input.size(2), (int) input.size(3)}, out, kernel, stride, dilation)
                : c.getPadding();
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        long outChannels = weights.size(1), k = outChannels * kernel[0] * kernel[1];
        INDArray inputRows = ContiguousBlocks.rows(workspaceMgr, ArrayType.ACTIVATIONS, input.castTo(weights.dataType()).reshape('c', examples, inChannels, p));
        INDArray patchRows = ContiguousBlocks.times(inputRows, weights.reshape('c', inChannels, k), workspaceMgr,
                ArrayType.FF_WORKING_MEM);                                                                 // [b·P, K]
        INDArray z = workspaceMgr.create(ArrayType.ACTIVATIONS, weights.dataType(), new long[]{examples, outChannels, out[0], out[1]}, 'c');
        if (!patches(z, padding).fold(patchRows, z)) {
            INDArray patches = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, weights.dataType(),
                    new long[]{examples, outChannels, kernel[0], kernel[1], input.size(2), input.size(3)}, 'c');
            ContiguousBlocks.assignRowsAsBlocks(patches, patchRows, examples, k, p);
            // ND4J's col2im takes the image height and width where its configuration names the kernel's
            Convolution.col2im(patches, z, stride[0], stride[1], padding[0], padding[1], out[0], out[1], dilation[0], dilation[1]);
        }
        INDArray bias = c.hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        Double slope = Rectifiers.slopeOrIdentity(c.getActivationFn());
        INDArray pre = slope == null ? null : workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, z.dataType(), z.shape(), 'c');
        if (slope != null && ConvolutionOutput.finish(null, bias, slope, pre, z)) {
            kept.keepCopy(pre, input, inputRows, padding);
            return z;
        }
        if (bias != null) {
            ContiguousBlocks.addChannelBias(z, bias);
        }
        kept.keep(workspaceMgr, z, input, inputRows, padding);
        return c.getActivationFn().getActivation(z, training);   // in place on z
    }

    /** The patches of output-shaped images ({@code [b, oC, oH, oW]}) that the kernel covers from each input position. */
    private PatchRows patches(INDArray outputShaped, int[] padding) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        return PatchRows.of(outputShaped.size(1), outputShaped.size(2), outputShaped.size(3), input.size(2), input.size(3),
                c.getKernelSize(), c.getStride(), padding, c.getDilation());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        KeptForwardPass.Pass pass = kept.take(input);
        lastBackwardReused = pass != null && supported();
        if (!lastBackwardReused) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray z = pass.preActivations(), rows = pass.unrolled();
        int[] padding = pass.padding();
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        int[] kernel = c.getKernelSize(), stride = c.getStride(), dilation = c.getDilation();
        long examples = input.size(0), inChannels = input.size(1), h = input.size(2), w = input.size(3), p = h * w;
        long outChannels = z.size(1), k = outChannels * kernel[0] * kernel[1];
        INDArray delta = Rectifiers.backprop(c.getActivationFn(), z, epsilon.castTo(z.dataType()));   // [b, oC, oH, oW]
        INDArray deltaRows = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, z.dataType(), new long[]{examples * p, k}, 'c');
        if (!patches(delta, padding).unfold(delta, deltaRows)) {
            INDArray deltaPatches = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, z.dataType(),
                    new long[]{examples, outChannels, kernel[0], kernel[1], h, w}, 'c');
            Convolution.im2col(delta, kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1],
                    convolutionMode == ConvolutionMode.Same, deltaPatches);
            deltaRows = ContiguousBlocks.rows(workspaceMgr, ArrayType.BP_WORKING_MEM, deltaPatches.reshape('c', examples, k, p));
        }
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        Gradient gradient = ContiguousBlocks.gradient(c, gradientViews,
                ContiguousBlocks.times(rows.transpose(), deltaRows, workspaceMgr, ArrayType.BP_WORKING_MEM), delta);   // Xᵀ D
        INDArray inputGradientRows = ContiguousBlocks.times(deltaRows, weights.reshape('c', inChannels, k).transpose(),
                workspaceMgr, ArrayType.BP_WORKING_MEM);                                                   // D Wᵀ
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, z.dataType(), input.shape(), 'c');
        ContiguousBlocks.assignRowsAsBlocks(inputGradient, inputGradientRows, examples, inChannels, p);
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }
}
