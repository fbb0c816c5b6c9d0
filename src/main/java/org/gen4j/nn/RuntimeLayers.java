package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/** What every DL4J layer configuration's {@code instantiate} does around creating its running layer. */
final class RuntimeLayers {
    private RuntimeLayers() {
    }

    /** Connects a new running layer to its listeners, position and parameter buffer, as DL4J's own layers do. */
    static Layer wire(Layer layer, ParamInitializer initializer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                      int layerIndex, INDArray layerParamsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer.init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
