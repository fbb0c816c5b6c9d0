package org.gen4j.keras;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
        writeNetwork(archive, "", networkOf(model));
    }

    @Override
    public M read(ModelArchive.Reader archive) {
        return wrap(readNetwork(archive, ""), archive.provenance());
    }

    /** Stores a network under {@code prefix}: its configuration (JSON) and its flat parameter vector. */
    static void writeNetwork(ModelArchive.Writer archive, String prefix, MultiLayerNetwork network) {
        archive.json().put(key(prefix, "configuration"), network.getLayerWiseConfigurations().toJson());
        archive.array(key(prefix, "parameters"), network.params());
    }

    static MultiLayerNetwork readNetwork(ModelArchive.Reader archive, String prefix) {
        MultiLayerConfiguration configuration;
        try {
            configuration = MultiLayerConfiguration.fromJson(archive.field(key(prefix, "configuration")).asText());
        } catch (RuntimeException e) {
            throw archive.corrupt("the " + (prefix.isEmpty() ? "" : prefix + " ") + "network configuration does not parse ("
                    + e.getMessage() + ")");
        }
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        restoreParameters(archive, key(prefix, "parameters"), network);
        return network;
    }

    /** A ComputationGraph (e.g. a functional Keras model) under {@code prefix}: configuration and parameters. */
    static void writeGraph(ModelArchive.Writer archive, String prefix, ComputationGraph graph) {
        archive.json().put(key(prefix, "configuration"), graph.getConfiguration().toJson());
        archive.array(key(prefix, "parameters"), graph.params());
    }

    static ComputationGraph readGraph(ModelArchive.Reader archive, String prefix) {
        ComputationGraph graph;
        try {
            graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(archive.field(key(prefix, "configuration")).asText()));
        } catch (RuntimeException e) {
            throw archive.corrupt("the " + prefix + " network configuration does not parse (" + e.getMessage() + ")");
        }
        graph.init();
        restoreParameters(archive, key(prefix, "parameters"), graph);
        return graph;
    }

    private static void restoreParameters(ModelArchive.Reader archive, String name, org.deeplearning4j.nn.api.Model network) {
        INDArray parameters = archive.array(name);
        if (parameters.length() != network.numParams()) {
            throw archive.corrupt(name + " has " + parameters.length() + " values, the network needs " + network.numParams());
        }
        network.setParams(parameters.castTo(network.params().dataType()).reshape(network.params().shape()));
    }

    private static String key(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
