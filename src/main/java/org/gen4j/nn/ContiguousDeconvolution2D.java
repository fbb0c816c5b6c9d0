package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J transposed convolution computed as the backward pass of {@link ContiguousIm2colConvolutionLayer}'s
 * convolution: one product, then col2im from a contiguous buffer; backward, im2col into a contiguous buffer and two
 * products. DL4J 1.0.0-M2.1's {@code Deconvolution2DLayer} runs libnd4j's {@code deconv2d}, whose col2im goes through
 * a permuted view (libnd4j's slow path: 44 % of a DCGAN iteration, measured), and runs it again in backprop for the
 * activation's derivative. Same parameters, JSON form and results as {@link Deconvolution2D}; channels-last data,
 * dropout, weight noise and layer helpers take DL4J's path.
 *
 * <pre>{@code
 * graphBuilder.addLayer("up", new ContiguousDeconvolution2D(
 *         new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(32).activation(Activation.RELU)), "features");
 * }</pre>
 */
public class ContiguousDeconvolution2D extends Deconvolution2D {

    /** For DL4J's JSON reader. */
    public ContiguousDeconvolution2D() {
    }

    public ContiguousDeconvolution2D(Deconvolution2D.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("ContiguousDeconvolution2D", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new ContiguousDeconvolution(conf, networkDataType), initializer(), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }
}
