package org.gen4j.keras;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.ModelArchive;
import org.gen4j.core.ModelCodec;
import org.gen4j.core.Provenance;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Saves an imported Keras network as its DL4J configuration (JSON) and its flat parameter vector. */
abstract class KerasNetworkCodec<M extends GenerativeModel> implements ModelCodec<M> {

    abstract MultiLayerNetwork networkOf(M model);

    abstract M wrap(MultiLayerNetwork network, Provenance provenance);

    @Override
    public void write(M model, ModelArchive.Writer archive) {
        archive.json().put("configuration", networkOf(model).getLayerWiseConfigurations().toJson());
        archive.array("parameters", networkOf(model).params());
    }

    @Override
    public M read(ModelArchive.Reader archive) {
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
        return wrap(network, archive.provenance());
    }
}
