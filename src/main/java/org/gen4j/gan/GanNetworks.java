package org.gen4j.gan;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.nn.BernoulliLoss;
import org.gen4j.nn.LayerStacks;
import org.gen4j.nn.SharedParameters;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds a GAN's DL4J graphs from its {@link GanArchitecture}. The owner of all parameters is the combined graph
 * {@code z [, label] -> generator -> discriminator -> loss}, whose discriminator layers are wrapped in
 * {@link FrozenLayerWithBackprop}: a generator step sends gradients through the discriminator without updating it.
 * The discriminator graph ({@code x [, label] -> discriminator -> loss}, its own Adam) and the generator graph
 * ({@code z [, label] -> x}) are views of the combined graph's parameters ({@link SharedParameters}), so a
 * discriminator step is seen by the next generator step with no copying, and no step can touch the other net.
 */
final class GanNetworks {
    static final String Z = "z", X = "x", LABEL = "label", GENERATOR_OUT = "gOut", DISCRIMINATOR_OUT = "dOut", LOSS = "loss";

    private GanNetworks() {
    }

    static ComputationGraph combined(GanArchitecture a, IUpdater generatorUpdater, long seed) {
        return combined(a, null, generatorUpdater, seed, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** @param imported a generator made elsewhere (its layers replace the architecture's generator), or null */
    static ComputationGraph combined(GanArchitecture a, ImportedGenerator imported, IUpdater generatorUpdater, long seed,
                                     org.nd4j.linalg.api.buffer.DataType dataType) {
        GraphBuilder g = LayerStacks.graph(seed, generatorUpdater, org.deeplearning4j.nn.weights.WeightInit.XAVIER, dataType);
        List<InputType> types = new ArrayList<>(List.of(InputType.feedForward(a.latentSize())));
        g.addInputs(Z);
        if (a.conditional()) {
            g.addInputs(LABEL);
            types.add(InputType.feedForward(a.classes()));
        }
        addGenerator(g, a, imported, generatorUpdater);
        addDiscriminator(g, a, imported == null ? GENERATOR_OUT : flattened(g, a, imported), true);
        g.setOutputs(LOSS).setInputTypes(types.toArray(new InputType[0]));
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    static ComputationGraph discriminator(GanArchitecture a, IUpdater updater, ComputationGraph combined) {
        GraphBuilder g = LayerStacks.graph(0, updater, org.deeplearning4j.nn.weights.WeightInit.XAVIER, combined.params().dataType());
        g.addInputs(X);
        List<InputType> types = new ArrayList<>(List.of(dataType(a)));
        if (a.conditional()) {
            g.addInputs(LABEL);
            types.add(InputType.feedForward(a.classes()));
        }
        addDiscriminator(g, a, X, false);
        g.setOutputs(LOSS).setInputTypes(types.toArray(new InputType[0]));
        return SharedParameters.graphOn(g.build(), combined);
    }

    static ComputationGraph generator(GanArchitecture a, ImportedGenerator imported, ComputationGraph combined) {
        return SharedParameters.graphOn(generatorConfiguration(a, imported, combined.params().dataType()), combined);
    }

    static ComputationGraphConfiguration generatorConfiguration(GanArchitecture a, ImportedGenerator imported,
                                                              org.nd4j.linalg.api.buffer.DataType dataType) {
        GraphBuilder g = LayerStacks.graph(0, null, org.deeplearning4j.nn.weights.WeightInit.XAVIER, dataType);
        g.addInputs(Z);
        List<InputType> types = new ArrayList<>(List.of(InputType.feedForward(a.latentSize())));
        if (a.conditional()) {
            g.addInputs(LABEL);
            types.add(InputType.feedForward(a.classes()));
        }
        addGenerator(g, a, imported, null);
        g.setOutputs(GENERATOR_OUT).setInputTypes(types.toArray(new InputType[0]));
        return g.build();
    }

    /**
     * The generator frozen (it passes gradients, never changes, and runs as when sampling) behind one trainable
     * latent code per target row: input {@code row} is a one-hot row index, layer {@code z} holds the codes as its
     * weights, and the loss is the mean squared error between G(z) (as data rows) and the targets.
     */
    static ComputationGraph inversion(GanArchitecture a, ImportedGenerator imported, int rows, IUpdater updater, long seed,
                                      org.nd4j.linalg.api.buffer.DataType dataType) {
        GraphBuilder g = LayerStacks.graph(seed, updater, org.deeplearning4j.nn.weights.WeightInit.NORMAL, dataType);
        g.addInputs("row");
        // N(0, 1/rows) by NORMAL's fan-in scaling; the codes are set to prior draws after init
        g.addLayer(Z, new DenseLayer.Builder().nIn(rows).nOut(a.latentSize()).hasBias(false).activation(Activation.IDENTITY).build(), "row");
        addGenerator(g, a, imported, null, FrozenLayerWithBackprop::new);
        String out = GENERATOR_OUT;
        long[] s = a.dataShape();
        if (s.length == 3 && (a.kind() == GanArchitecture.Kind.DCGAN || imported != null)) {
            g.addVertex("gRows", new org.deeplearning4j.nn.conf.graph.PreprocessorVertex(new CnnToFeedForwardPreProcessor(s[1], s[2], s[0],
                    imported != null && imported.channelsLast() ? org.deeplearning4j.nn.conf.CNN2DFormat.NHWC
                            : org.deeplearning4j.nn.conf.CNN2DFormat.NCHW)), GENERATOR_OUT);
            out = "gRows";
        }
        g.addLayer(LOSS, new LossLayer.Builder(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).build(), out);
        g.setOutputs(LOSS).setInputTypes(InputType.feedForward(rows));
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    static ILossFunction loss(GanArchitecture a) {
        return a.objective() == GanArchitecture.Objective.WASSERSTEIN ? new CriticLoss() : new BernoulliLoss();
    }

    private static InputType dataType(GanArchitecture a) {
        long[] s = a.dataShape();
        return a.kind() == GanArchitecture.Kind.DCGAN ? InputType.convolutional(s[1], s[2], s[0]) : InputType.feedForward(a.dataSize());
    }


    private static void addGenerator(GraphBuilder g, GanArchitecture a, ImportedGenerator imported, IUpdater updater) {
        addGenerator(g, a, imported, updater, UnaryOperator.identity());
    }

    /** @param wrap applied to every generator layer, e.g. to freeze it */
    private static void addGenerator(GraphBuilder g, GanArchitecture a, ImportedGenerator imported, IUpdater updater,
                                     UnaryOperator<Layer> wrap) {
        if (imported != null) {
            addImportedGenerator(g, imported, updater, wrap);
            return;
        }
        String previous = LayerStacks.withLabel(g, a.conditional(), Z, LABEL, "gIn");
        int[] hidden = a.generatorHidden();
        boolean dcgan = a.kind() == GanArchitecture.Kind.DCGAN;
        Activation out = Activation.valueOf(a.outputActivation().toUpperCase(java.util.Locale.ROOT));
        for (int i = 0; i < hidden.length; i++) {
            String name = "g" + i;
            g.addLayer(name, wrap.apply(LayerStacks.denseLayer(hidden[i], dcgan ? Activation.RELU : Activation.LEAKYRELU)), previous);
            previous = name;
        }
        if (!dcgan) {
            g.addLayer(GENERATOR_OUT, wrap.apply(LayerStacks.denseLayer(a.dataSize(), out)), previous);
            return;
        }
        long[] s = a.dataShape();
        int[] channels = a.channels();
        long scale = 1L << channels.length;
        long h = s[1] / scale, w = s[2] / scale;
        int deepest = channels[channels.length - 1];
        g.addLayer("gGrid", wrap.apply(LayerStacks.denseLayer(h * w * deepest, Activation.IDENTITY)), previous)
                .addLayer("gGridNorm", wrap.apply(batchNorm()), "gGrid");
        previous = "gGridNorm";
        for (int i = channels.length - 1; i >= 0; i--) {
            boolean last = i == 0;
            String name = last ? GENERATOR_OUT : "gConv" + i;
            long nOut = last ? s[0] : channels[i - 1];
            g.addLayer(name, wrap.apply(LayerStacks.upsamplingLayer(nOut, last ? out : Activation.IDENTITY)), previous);
            if (i == channels.length - 1) {
                g.inputPreProcessor(name, new FeedForwardToCnnPreProcessor(h, w, deepest));
            }
            previous = name;
            if (!last) {
                g.addLayer(name + "Norm", wrap.apply(batchNorm()), name);
                previous = name + "Norm";
            }
        }
    }

    /** The imported network's layers in order, named g0, g1, ... and gOut, each with its input preprocessor. */
    private static void addImportedGenerator(GraphBuilder g, ImportedGenerator imported, IUpdater updater, UnaryOperator<Layer> wrap) {
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = imported.configuration();
        String previous = Z;
        int n = conf.getConfs().size();
        for (int i = 0; i < n; i++) {
            String name = i == n - 1 ? GENERATOR_OUT : "g" + i;
            org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(i).getLayer().clone();
            // Keras import gives layers a keep-everything Dropout whose backprop fails on channels-last convolutions
            layer.setIDropout(null);
            if (updater != null && layer instanceof org.deeplearning4j.nn.conf.layers.BaseLayer trainable) {
                trainable.setIUpdater(updater.clone());        // imported layers carry no updater of ours
                trainable.setBiasUpdater(updater.clone());
            }
            g.addLayer(name, wrap.apply(layer), previous);
            if (conf.getInputPreProcess(i) != null) {
                g.inputPreProcessor(name, conf.getInputPreProcess(i).clone());
            }
            previous = name;
        }
    }

    /**
     * The imported generator's images as the discriminator sees real data: flat rows for MLP nets, channels-first
     * images for a convolutional one.
     */
    private static String flattened(GraphBuilder g, GanArchitecture a, ImportedGenerator imported) {
        long[] s = a.dataShape();
        if (s.length != 3) {
            return GENERATOR_OUT;
        }
        if (a.kind() == GanArchitecture.Kind.DCGAN) {
            if (!imported.channelsLast()) {
                return GENERATOR_OUT;
            }
            g.addVertex("gFirst", new org.deeplearning4j.nn.conf.graph.PreprocessorVertex(
                    new org.gen4j.nn.ChannelsLastToFirst(s[1], s[2], s[0])), GENERATOR_OUT);
            return "gFirst";
        }
        g.addVertex("gFlat", new org.deeplearning4j.nn.conf.graph.PreprocessorVertex(new CnnToFeedForwardPreProcessor(s[1], s[2], s[0],
                imported.channelsLast() ? org.deeplearning4j.nn.conf.CNN2DFormat.NHWC : org.deeplearning4j.nn.conf.CNN2DFormat.NCHW)), GENERATOR_OUT);
        return "gFlat";
    }

    /**
     * Batch normalisation with no activation after it: the generator as it has always trained (DL4J's own layer,
     * used before, drops the ReLU it was configured with). With ReLU, as in PyTorch's DCGAN, it trained worse on the
     * 8x8 digits at every learning rate tried (FID 19-52 against 9.2 after 12 epochs; conditional samples 57-153
     * of 500 right against 471): see benchmarks/RESULTS.md.
     */
    private static Layer batchNorm() {
        return LayerStacks.batchNormLayer(Activation.IDENTITY);
    }

    /** Discriminator layers; frozen (for the combined graph) they pass gradients but never change. */
    private static void addDiscriminator(GraphBuilder g, GanArchitecture a, String input, boolean frozen) {
        ActivationLReLU leaky = new ActivationLReLU(0.2);
        UnaryOperator<Layer> wrap = layer -> frozen(layer, frozen);
        String previous = a.kind() == GanArchitecture.Kind.DCGAN
                ? LayerStacks.downsampling(g, input, "d", a.dataShape(), a.channels(), 4, leaky, wrap)
                : input;
        previous = LayerStacks.dense(g, LayerStacks.withLabel(g, a.conditional(), previous, LABEL, "dIn"), "d", a.discriminatorHidden(), leaky, wrap);
        g.addLayer(DISCRIMINATOR_OUT, frozen(LayerStacks.denseLayer(1, Activation.IDENTITY), frozen), previous);
        g.addLayer(LOSS, new LossLayer.Builder().lossFunction(loss(a)).activation(Activation.IDENTITY).build(), DISCRIMINATOR_OUT);
    }

    private static Layer frozen(Layer layer, boolean frozen) {
        return frozen ? new FrozenLayerWithBackprop(layer) : layer;
    }
}
