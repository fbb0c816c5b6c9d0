package org.gen4j.keras;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.ModelArchive;
import org.gen4j.core.ModelCodec;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Saves an imported generator as its DL4J configuration (JSON) and its flat parameter vector. */
public final class KerasGeneratorCodec implements ModelCodec<KerasGenerator> {

    @Override
    public String modelType() {
        return KerasGenerator.MODEL_TYPE;
    }

    @Override
    public Class<KerasGenerator> modelClass() {
        return KerasGenerator.class;
    }

    @Override
    public void write(KerasGenerator model, ModelArchive.Writer archive) {
        archive.json().put("configuration", model.network().getLayerWiseConfigurations().toJson());
        archive.array("parameters", model.network().params());
    }

    @Override
    public KerasGenerator read(ModelArchive.Reader archive) {
        MultiLayerConfiguration configuration;
        try {
            configuration = MultiLayerConfiguration.fromJson(archive.field("configuration").asText());
        } catch (RuntimeException e) {
            throw archive.corrupt("the network configuration does not parse (" + e.getMessage() + ")");
        }
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        INDArray parameters = archive.array("parameters");
        network.init();
        if (parameters.length() != network.numParams()) {
            throw archive.corrupt("parameters has " + parameters.length() + " values, the network needs " + network.numParams());
        }
        network.setParams(parameters.castTo(network.params().dataType()).reshape(network.params().shape()));
        return new KerasGenerator(network, archive.provenance());
    }
}
