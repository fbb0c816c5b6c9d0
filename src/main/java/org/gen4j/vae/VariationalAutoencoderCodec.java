package org.gen4j.vae;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.core.JsonArrays;
import org.gen4j.core.ModelArchive;
import org.gen4j.core.ModelCodec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Saves a VAE as its architecture and training history (JSON), its parameters and its Adam state (arrays), and the
 * epoch and iteration counters, so that a loaded model both predicts and continues training exactly.
 */
public final class VariationalAutoencoderCodec implements ModelCodec<VariationalAutoencoder> {

    @Override
    public String modelType() {
        return VariationalAutoencoder.MODEL_TYPE;
    }

    @Override
    public Class<VariationalAutoencoder> modelClass() {
        return VariationalAutoencoder.class;
    }

    @Override
    public void write(VariationalAutoencoder model, ModelArchive.Writer archive) {
        VaeArchitecture a = model.architecture();
        ObjectNode json = archive.json();
        json.put("architecture", a.kind().label());
        JsonArrays.add(json.putArray("dataShape"), a.dataShape());
        JsonArrays.add(json.putArray("hidden"), a.hidden());
        JsonArrays.add(json.putArray("channels"), a.channels());
        json.put("latentSize", a.latentSize());
        json.put("likelihood", a.likelihood().label());
        json.put("variance", a.variance());
        json.put("classes", a.classes());
        json.put("activation", a.activation());
        JsonArrays.add(json.putArray("categories"), a.categories());
        com.fasterxml.jackson.databind.node.ArrayNode variables = json.putArray("variables");
        for (org.gen4j.data.DiscreteVariable v : a.variables()) {
            com.fasterxml.jackson.databind.node.ObjectNode node = variables.addObject().put("name", v.name());
            v.states().forEach(node.putArray("states")::add);
        }
        ComputationGraph graph = model.trainingGraph();
        IUpdater updater = graph.getLayer(VaeNetworks.Z_PARAMS).getConfig().getUpdaterByParam("W");
        json.put("learningRate", updater instanceof Adam adam ? adam.getLearningRate() : Double.NaN);
        json.put("epochCount", graph.getConfiguration().getEpochCount());
        json.put("iterationCount", graph.getConfiguration().getIterationCount());
        VaeHistory h = model.history();
        json.put("iterations", h.iterations());
        JsonArrays.add(json.putArray("trainLoss"), h.trainLoss());
        JsonArrays.add(json.putArray("testElbo"), h.testElbo());
        JsonArrays.add(json.putArray("beta"), h.beta());
        JsonArrays.add(json.putArray("seconds"), h.seconds());
        archive.array("parameters", graph.params());
        if (graph.getUpdater() != null && graph.getUpdater().getStateViewArray() != null) {
            archive.array("updaterState", graph.getUpdater().getStateViewArray());
        }
    }

    private static java.util.List<org.gen4j.data.DiscreteVariable> variables(ModelArchive.Reader archive) {
        java.util.List<org.gen4j.data.DiscreteVariable> out = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode node : archive.json().path("variables")) {
            java.util.List<String> states = new java.util.ArrayList<>();
            node.path("states").forEach(state -> states.add(state.asText()));
            out.add(new org.gen4j.data.DiscreteVariable(node.path("name").asText(), states));
        }
        return out;
    }

    @Override
    public VariationalAutoencoder read(ModelArchive.Reader archive) {
        VaeArchitecture a;
        try {
            a = new VaeArchitecture(JsonArrays.longs(archive.field("dataShape")), VaeArchitecture.Kind.parse(archive.field("architecture").asText()),
                    JsonArrays.ints(archive.field("hidden")), JsonArrays.ints(archive.field("channels")), archive.field("latentSize").asInt(),
                    Likelihood.parse(archive.field("likelihood").asText()), archive.field("variance").asDouble(),
                    archive.field("classes").asInt(), archive.field("activation").asText(),
                    archive.json().has("categories") ? JsonArrays.ints(archive.field("categories")) : new int[0], variables(archive));
        } catch (IllegalArgumentException e) {
            throw archive.corrupt("invalid VAE architecture (" + e.getMessage() + ")");
        }
        double learningRate = archive.field("learningRate").asDouble();
        INDArray parameters = archive.array("parameters");
        // the network trains in the type its parameters were saved in
        ComputationGraph graph = VaeNetworks.training(a, a.newObservationLoss(),
                new Adam(Double.isFinite(learningRate) ? learningRate : 1e-3), 0, parameters.dataType());
        if (parameters.length() != graph.numParams()) {
            throw archive.corrupt("parameters has " + parameters.length() + " values, the architecture needs " + graph.numParams());
        }
        graph.params().assign(parameters.reshape(graph.params().shape()).castTo(graph.params().dataType()));
        INDArray state = graph.getUpdater().getStateViewArray();
        if (state != null) {
            INDArray saved = archive.array("updaterState");
            if (saved.length() != state.length()) {
                throw archive.corrupt("updater state has " + saved.length() + " values, the network needs " + state.length());
            }
            state.assign(saved.reshape(state.shape()).castTo(state.dataType()));
        }
        graph.getConfiguration().setEpochCount(archive.field("epochCount").asInt());
        graph.getConfiguration().setIterationCount(archive.field("iterationCount").asInt());
        VaeHistory history;
        try {
            history = new VaeHistory(archive.field("iterations").asLong(), JsonArrays.doubles(archive.field("trainLoss")),
                    JsonArrays.doubles(archive.field("testElbo")), JsonArrays.doubles(archive.field("beta")), JsonArrays.doubles(archive.field("seconds")));
        } catch (IllegalArgumentException e) {
            throw archive.corrupt("invalid training history (" + e.getMessage() + ")");
        }
        return new VariationalAutoencoder(a, graph, history, archive.provenance());
    }
}
