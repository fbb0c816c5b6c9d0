package org.gen4j.keras;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.Provenance;

/** Saves an imported discriminator as its DL4J configuration (JSON) and its flat parameter vector. */
public final class KerasDiscriminatorCodec extends KerasNetworkCodec<KerasDiscriminator> {

    @Override
    public String modelType() {
        return KerasDiscriminator.MODEL_TYPE;
    }

    @Override
    public Class<KerasDiscriminator> modelClass() {
        return KerasDiscriminator.class;
    }

    @Override
    MultiLayerNetwork networkOf(KerasDiscriminator model) {
        return model.network();
    }

    @Override
    KerasDiscriminator wrap(MultiLayerNetwork network, Provenance provenance) {
        return new KerasDiscriminator(network, provenance);
    }
}
