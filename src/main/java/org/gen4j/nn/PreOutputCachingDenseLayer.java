package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J dense layer whose backward pass reuses the pre-activations {@code z = xW + b} of its forward pass. DL4J
 * 1.0.0-M2.1's own dense layer computes {@code z} again in {@code backpropGradient}: one more forward product per
 * layer and training step (17 % of a VAE's step, measured). Parameters, initialisation, JSON form and results are
 * those of {@link DenseLayer}; layers with dropout, weight noise or layer normalisation take DL4J's path.
 *
 * <pre>{@code
 * DenseLayer dense = new DenseLayer.Builder().nOut(400).activation(Activation.RELU).build();
 * graphBuilder.addLayer("hidden", PreOutputCachingDenseLayer.of(dense), "input");
 * }</pre>
 */
public class PreOutputCachingDenseLayer extends DenseLayer {

    /** For DL4J's JSON reader; build one with {@link #of}. */
    public PreOutputCachingDenseLayer() {
    }

    /** The same layer configuration, with the caching backward pass. */
    public static PreOutputCachingDenseLayer of(DenseLayer layer) {
        // DL4J's builder only makes DenseLayer itself (its constructor is private): copy every setting it made
        return ConfigurationCopies.copyInto(layer, new PreOutputCachingDenseLayer(), DenseLayer.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("PreOutputCachingDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return RuntimeLayers.wire(new PreOutputCachingDense(conf, networkDataType), initializer(), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }
}
