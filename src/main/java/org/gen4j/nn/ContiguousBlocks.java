package org.gen4j.nn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.gen4j.kernels.ColumnMajorProducts;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/** What gen4j's contiguous convolution and transposed convolution share: when they apply, layouts, bias, gradients. */
final class ContiguousBlocks {
    private ContiguousBlocks() {
    }

    /** Channels-first 4-D data without dropout, weight noise, masks or a DL4J layer helper (cuDNN, oneDNN). */
    static boolean applies(ConvolutionLayer conf, Object helper, INDArray input, INDArray mask) {
        return helper == null && input != null && input.rank() == 4 && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && conf.getIDropout() == null && conf.getWeightNoise() == null && mask == null;
    }

    /**
     * Blocks {@code [b, r, s]} as the rows {@code [b·s, r]} of a new row-major array: libnd4j's batched transpose is
     * fast where its im2col and col2im through such layouts are not.
     */
    static INDArray rows(LayerWorkspaceMgr workspaceMgr, ArrayType type, INDArray blocks) {
        long b = blocks.size(0), r = blocks.size(1), s = blocks.size(2);
        return workspaceMgr.dup(type, blocks.permute(0, 2, 1), 'c').reshape('c', b * s, r);
    }

    /** a · b as a row-major result, computed as (bᵀ aᵀ)ᵀ into a column-major buffer: no operand copied. */
    static INDArray times(INDArray a, INDArray b, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        INDArray productTransposed = workspaceMgr.createUninitialized(type, a.dataType(), new long[]{b.columns(), a.rows()}, 'f');
        ColumnMajorProducts.into(b, true, a, true, productTransposed);
        return productTransposed.transpose();
    }

    /** Writes rows {@code [b·s, r]} into {@code target} seen as blocks {@code [b, r, s]}. */
    static void assignRowsAsBlocks(INDArray target, INDArray rows, long b, long r, long s) {
        target.reshape('c', b, r, s).assign(rows.reshape('c', b, s, r).permute(0, 2, 1));
    }

    /** Adds the per-channel bias to {@code [b, c, ...]} activations in place. */
    static void addChannelBias(INDArray z, INDArray bias) {
        Nd4j.getExecutioner().exec(new BroadcastAddOp(z, bias.reshape(z.size(1)).castTo(z.dataType()), z, 1));
    }

    /** DL4J's gradient for the layer: the weight gradient given, the bias gradient the sum of δ over all but channels. */
    static Gradient gradient(ConvolutionLayer conf, Map<String, INDArray> gradientViews, INDArray weightGradientValue, INDArray delta) {
        return gradientWithBias(conf, gradientViews, weightGradientValue, conf.hasBias() ? delta.sum(0, 2, 3) : null);
    }

    /** {@link #gradient} with the bias gradient given ({@code [oC]}, or null without a bias). */
    static Gradient gradientWithBias(ConvolutionLayer conf, Map<String, INDArray> gradientViews, INDArray weightGradientValue,
                                     INDArray biasGradientValue) {
        INDArray weightGradient = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        weightGradient.assign(weightGradientValue.reshape(weightGradient.shape()));
        Gradient gradient = new DefaultGradient();
        if (conf.hasBias()) {
            INDArray biasGradient = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            biasGradient.assign(biasGradientValue.reshape(biasGradient.shape()));
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradient);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        return gradient;
    }
}
