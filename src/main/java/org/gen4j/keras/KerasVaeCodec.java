package org.gen4j.keras;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.ModelArchive;
import org.gen4j.core.ModelCodec;

/** Saves an imported Keras VAE as its two networks (configuration and parameters each) and its decoder output. */
public final class KerasVaeCodec implements ModelCodec<KerasVae> {

    @Override
    public String modelType() {
        return KerasVae.MODEL_TYPE;
    }

    @Override
    public Class<KerasVae> modelClass() {
        return KerasVae.class;
    }

    @Override
    public void write(KerasVae model, ModelArchive.Writer archive) {
        archive.json().put("output", model.output().name().toLowerCase(java.util.Locale.ROOT)).put("variance", model.variance());
        if (model.encoderNetwork() instanceof ComputationGraph graph) {
            archive.json().put("encoderKind", "graph");
            KerasNetworkCodec.writeGraph(archive, "encoder", graph);
        } else {
            archive.json().put("encoderKind", "sequential");
            KerasNetworkCodec.writeNetwork(archive, "encoder", (MultiLayerNetwork) model.encoderNetwork());
        }
        KerasNetworkCodec.writeNetwork(archive, "decoder", model.decoderNetwork());
    }

    @Override
    public KerasVae read(ModelArchive.Reader archive) {
        KerasVae.Output output;
        try {
            output = KerasVae.Output.parse(archive.field("output").asText());
        } catch (org.gen4j.core.Gen4jException e) {
            throw archive.corrupt(e.getMessage());
        }
        Model encoder = archive.field("encoderKind").asText().equals("graph") ? KerasNetworkCodec.readGraph(archive, "encoder")
                : KerasNetworkCodec.readNetwork(archive, "encoder");
        return new KerasVae(encoder, KerasNetworkCodec.readNetwork(archive, "decoder"), output, archive.field("variance").asDouble(),
                archive.provenance());
    }
}
