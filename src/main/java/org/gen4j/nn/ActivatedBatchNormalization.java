package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's batch normalisation followed by the activation it is configured with. DL4J 1.0.0-M2.1's own layer never
 * applies its activation (a {@code BatchNormalization} built with {@code .activation(RELU)} passes negative values
 * on), and computes its channel statistics with strided reductions, copying its normalised input out of the
 * workspaces every pass (22 % of a DCGAN iteration, measured). This layer normalises NCHW images and
 * {@code [b, n]} rows with reductions over contiguous rows and keeps its forward pass in the activations workspace.
 * Parameters (gamma, beta, running mean and variance), their updates, initialisation and JSON form are
 * {@link BatchNormalization}'s; channels-last inputs, locked gamma/beta and full-batch statistics take DL4J's
 * normalisation, still followed by the activation.
 *
 * <pre>{@code
 * BatchNormalization norm = new BatchNormalization.Builder().activation(Activation.RELU).build();
 * graphBuilder.addLayer("norm", ActivatedBatchNormalization.of(norm), "conv");
 * }</pre>
 */
public class ActivatedBatchNormalization extends BatchNormalization {

    /** For DL4J's JSON reader; build one with {@link #of}. */
    public ActivatedBatchNormalization() {
    }

    /**
     * The same layer configuration, with its activation applied. An activation left unset means none here (DL4J
     * would fill in the network's default, sigmoid, which its own layer then ignores).
     */
    public static ActivatedBatchNormalization of(BatchNormalization layer) {
        // DL4J's builder only makes BatchNormalization itself (its constructor is private): copy every setting it made
        ActivatedBatchNormalization copy = ConfigurationCopies.copyInto(layer, new ActivatedBatchNormalization(), BatchNormalization.class);
        if (copy.getActivationFn() == null) {
            copy.setActivationFn(new ActivationIdentity());
        }
        return copy;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNOutSet("ActivatedBatchNormalization", getLayerName(), layerIndex, getNOut());
        return RuntimeLayers.wire(new ActivatedBatchNorm(conf, networkDataType), initializer(), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }
}
