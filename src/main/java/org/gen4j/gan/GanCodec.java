package org.gen4j.gan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.core.JsonArrays;
import org.gen4j.core.ModelArchive;
import org.gen4j.core.ModelCodec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * Saves a GAN as its architecture, updaters and history (JSON) and four arrays: all parameters (the combined
 * graph's), the generator's and the discriminator's updater states, and the generator weight average if any; so a
 * loaded GAN samples the same and continues training exactly.
 */
public final class GanCodec implements ModelCodec<Gan> {

    @Override
    public String modelType() {
        return Gan.MODEL_TYPE;
    }

    @Override
    public Class<Gan> modelClass() {
        return Gan.class;
    }

    @Override
    public void write(Gan model, ModelArchive.Writer archive) {
        GanArchitecture a = model.architecture();
        ObjectNode json = archive.json();
        json.put("kind", a.kind().label());
        JsonArrays.add(json.putArray("dataShape"), a.dataShape());
        JsonArrays.add(json.putArray("generatorHidden"), a.generatorHidden());
        JsonArrays.add(json.putArray("discriminatorHidden"), a.discriminatorHidden());
        JsonArrays.add(json.putArray("channels"), a.channels());
        json.put("latentSize", a.latentSize());
        json.put("classes", a.classes());
        json.put("outputActivation", a.outputActivation());
        json.put("objective", a.objective().label());
        if (model.importedGenerator() != null) {
            ImportedGenerator g = model.importedGenerator();
            json.putObject("importedGenerator").put("configuration", g.configuration().toJson())
                    .put("latentSize", g.latentSize()).put("channelsLast", g.channelsLast());
        }
        updater(json.putObject("generatorUpdater"), model.combinedGraph(), GanNetworks.GENERATOR_OUT);
        updater(json.putObject("discriminatorUpdater"), model.discriminatorGraph(), GanNetworks.DISCRIMINATOR_OUT);
        counters(json.putObject("generatorCounters"), model.combinedGraph());
        counters(json.putObject("discriminatorCounters"), model.discriminatorGraph());
        GanHistory h = model.history();
        json.put("iterations", h.iterations());
        JsonArrays.add(json.putArray("discriminatorLoss"), h.discriminatorLoss());
        JsonArrays.add(json.putArray("generatorLoss"), h.generatorLoss());
        JsonArrays.add(json.putArray("metric"), h.metric());
        JsonArrays.add(json.putArray("seconds"), h.seconds());
        archive.array("parameters", model.combinedGraph().params());
        state(archive, "generatorUpdaterState", model.combinedGraph());
        state(archive, "discriminatorUpdaterState", model.discriminatorGraph());
        if (model.averagedGeneratorWeights() != null) {
            archive.array("averagedGenerator", model.averagedGeneratorWeights());
        }
    }

    @Override
    public Gan read(ModelArchive.Reader archive) {
        GanArchitecture a;
        try {
            String kind = archive.field("kind").asText();
            a = new GanArchitecture(JsonArrays.longs(archive.field("dataShape")), GanArchitecture.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)),
                    JsonArrays.ints(archive.field("generatorHidden")), JsonArrays.ints(archive.field("discriminatorHidden")), JsonArrays.ints(archive.field("channels")),
                    archive.field("latentSize").asInt(), archive.field("classes").asInt(), archive.field("outputActivation").asText(),
                    GanArchitecture.Objective.parse(archive.field("objective").asText()));
        } catch (IllegalArgumentException e) {
            throw archive.corrupt("invalid GAN architecture (" + e.getMessage() + ")");
        }
        ImportedGenerator imported = null;
        if (archive.json().has("importedGenerator")) {
            com.fasterxml.jackson.databind.JsonNode node = archive.field("importedGenerator");
            try {
                imported = new ImportedGenerator(org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(node.path("configuration").asText()),
                        node.path("latentSize").asInt(), node.path("channelsLast").asBoolean());
            } catch (RuntimeException e) {
                throw archive.corrupt("the imported generator's configuration does not parse (" + e.getMessage() + ")");
            }
        }
        INDArray parameters = archive.array("parameters");
        // the networks train in the type their parameters were saved in
        ComputationGraph combined = GanNetworks.combined(a, imported, updater(archive, "generatorUpdater"), 0, parameters.dataType());
        ComputationGraph discriminator = GanNetworks.discriminator(a, updater(archive, "discriminatorUpdater"), combined);
        if (parameters.length() != combined.numParams()) {
            throw archive.corrupt("parameters has " + parameters.length() + " values, the architecture needs " + combined.numParams());
        }
        combined.params().assign(parameters.reshape(combined.params().shape()).castTo(combined.params().dataType()));
        restoreState(archive, "generatorUpdaterState", combined);
        restoreState(archive, "discriminatorUpdaterState", discriminator);
        restoreCounters(archive.field("generatorCounters"), combined);
        restoreCounters(archive.field("discriminatorCounters"), discriminator);
        INDArray average = null;
        if (archive.hasArray("averagedGenerator")) {
            average = archive.array("averagedGenerator").castTo(combined.params().dataType());
            long expected = GanNetworks.generator(a, imported, combined).numParams();
            if (average.length() != expected) {
                throw archive.corrupt("averagedGenerator has " + average.length() + " values, the generator needs " + expected);
            }
            average = average.reshape(1, expected).dup();
        }
        GanHistory history;
        try {
            history = new GanHistory(archive.field("iterations").asLong(), JsonArrays.doubles(archive.field("discriminatorLoss")),
                    JsonArrays.doubles(archive.field("generatorLoss")), JsonArrays.doubles(archive.field("metric")), JsonArrays.doubles(archive.field("seconds")));
        } catch (IllegalArgumentException e) {
            throw archive.corrupt("invalid training history (" + e.getMessage() + ")");
        }
        return new Gan(a, imported, combined, discriminator, average, history, archive.provenance());
    }

    /** The updater of the graph's first trainable layer (frozen layers carry none of their own). */
    private static void updater(ObjectNode node, ComputationGraph graph, String ignored) {
        IUpdater u = null;
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            if (layer.numParams() > 0 && !(layer.getConfig() instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop)) {
                u = layer.getConfig().getUpdaterByParam(layer.paramTable().keySet().iterator().next());
                break;
            }
        }
        if (u instanceof Adam adam) {
            node.put("type", "adam").put("learningRate", adam.getLearningRate()).put("beta1", adam.getBeta1());
        } else if (u instanceof RmsProp rms) {
            node.put("type", "rmsprop").put("learningRate", rms.getLearningRate());
        } else {
            node.put("type", "frozen");
        }
    }

    private static IUpdater updater(ModelArchive.Reader archive, String field) {
        JsonNode node = archive.field(field);
        double lr = node.path("learningRate").asDouble(2e-4);
        return switch (node.path("type").asText("adam")) {
            case "rmsprop" -> new RmsProp(lr);
            case "adam" -> new Adam(lr, node.path("beta1").asDouble(0.5), 0.999, 1e-8);
            default -> throw archive.corrupt(field + " has an unknown type " + node.path("type"));
        };
    }

    private static void counters(ObjectNode node, ComputationGraph graph) {
        node.put("epochCount", graph.getConfiguration().getEpochCount());
        node.put("iterationCount", graph.getConfiguration().getIterationCount());
    }

    private static void restoreCounters(JsonNode node, ComputationGraph graph) {
        graph.getConfiguration().setEpochCount(node.path("epochCount").asInt());
        graph.getConfiguration().setIterationCount(node.path("iterationCount").asInt());
    }

    private static void state(ModelArchive.Writer archive, String name, ComputationGraph graph) {
        if (graph.getUpdater() != null && graph.getUpdater().getStateViewArray() != null) {
            archive.array(name, graph.getUpdater().getStateViewArray());
        }
    }

    private static void restoreState(ModelArchive.Reader archive, String name, ComputationGraph graph) {
        INDArray state = graph.getUpdater().getStateViewArray();
        if (state == null) {
            return;
        }
        INDArray saved = archive.array(name);
        if (saved.length() != state.length()) {
            throw archive.corrupt(name + " has " + saved.length() + " values, the network needs " + state.length());
        }
        state.assign(saved.reshape(state.shape()).castTo(state.dataType()));
    }
}
