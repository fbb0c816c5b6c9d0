package org.gen4j.keras;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.Provenance;

/** Saves an imported generator as its DL4J configuration (JSON) and its flat parameter vector. */
public final class KerasGeneratorCodec extends KerasNetworkCodec<KerasGenerator> {

    @Override
    public String modelType() {
        return KerasGenerator.MODEL_TYPE;
    }

    @Override
    public Class<KerasGenerator> modelClass() {
        return KerasGenerator.class;
    }

    @Override
    MultiLayerNetwork networkOf(KerasGenerator model) {
        return model.network();
    }

    @Override
    KerasGenerator wrap(MultiLayerNetwork network, Provenance provenance) {
        return new KerasGenerator(network, provenance);
    }
}
