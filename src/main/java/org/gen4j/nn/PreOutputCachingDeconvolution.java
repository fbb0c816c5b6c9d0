package org.gen4j.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The running layer of {@link PreOutputCachingDeconvolution2D}: a forward pass (in training or inference mode, as a
 * frozen layer passing gradients on runs it) keeps a copy of its
 * pre-activations (in the activations workspace, alive until the backward pass), and the backward pass, which asks
 * for them through {@code preOutput(training, forBackprop = true)}, gets that copy when it follows that forward pass
 * on the same input.
 */
final class PreOutputCachingDeconvolution extends Deconvolution2DLayer {
    private INDArray preActivations;     // z of the last forward pass, or null
    private INDArray preActivationInput; // the input that z was computed from
    boolean lastBackwardReused;          // whether the last backward pass used the cached z (for tests)

    PreOutputCachingDeconvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (forBackprop) {
            lastBackwardReused = preActivations != null && preActivationInput == input;
            INDArray z = preActivations;
            preActivations = null;
            preActivationInput = null;
            if (lastBackwardReused) {
                return new Pair<>(z, null);
            }
            return super.preOutput(training, true, workspaceMgr);
        }
        Pair<INDArray, INDArray> out = super.preOutput(training, false, workspaceMgr);
        // dropout and weight noise make a forward pass differ from the one its backward pass needs
        boolean keep = layerConf().getIDropout() == null && layerConf().getWeightNoise() == null;
        preActivations = keep ? workspaceMgr.dup(ArrayType.ACTIVATIONS, out.getFirst()) : null;
        preActivationInput = keep ? input : null;
        return out;
    }
}
