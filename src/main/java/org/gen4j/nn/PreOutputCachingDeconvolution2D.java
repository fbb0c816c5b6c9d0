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
 * A DL4J transposed convolution whose backward pass reuses the pre-activations of its forward pass. DL4J
 * 1.0.0-M2.1's {@code Deconvolution2DLayer} runs the whole transposed convolution again in
 * {@code backpropGradient}, only to take the activation's derivative (9 % of a DCGAN iteration, measured). Same
 * parameters, JSON form and results as {@link Deconvolution2D}.
 *
 * <pre>{@code
 * graphBuilder.addLayer("up", new PreOutputCachingDeconvolution2D(
 *         new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(32).activation(Activation.RELU)), "features");
 * }</pre>
 */
public class PreOutputCachingDeconvolution2D extends Deconvolution2D {

    /** For DL4J's JSON reader. */
    public PreOutputCachingDeconvolution2D() {
    }

    public PreOutputCachingDeconvolution2D(Deconvolution2D.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("PreOutputCachingDeconvolution2D", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new PreOutputCachingDeconvolution(conf, networkDataType), initializer(), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }
}
