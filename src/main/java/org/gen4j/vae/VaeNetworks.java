package org.gen4j.vae;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.nn.GaussianSampleVertex;
import org.gen4j.nn.KlDivergenceLoss;
import org.gen4j.nn.LayerStacks;
import org.gen4j.nn.ObservationLoss;
import org.gen4j.nn.SharedParameters;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds the three DL4J graphs of a VAE from its {@link VaeArchitecture}:
 * <ul>
 *   <li>the training graph: inputs {@code x}, {@code eps} (and {@code label}), encoder to {@code zParams},
 *       {@code z = mu + exp(lv/2) * eps} from standard vertices, decoder, and two losses: {@code reconstruction}
 *       ({@link ObservationLoss}) and {@code kl} ({@link KlDivergenceLoss}), whose sum is the negative ELBO;</li>
 *   <li>an encoder graph ({@code x} to {@code zParams}) and a decoder graph ({@code z} to {@code decOut}) whose
 *       parameters are views into the training graph's parameters, so they see every update without copying.</li>
 * </ul>
 * The noise {@code eps} is an input rather than a random op so that training is reproducible from a seed and
 * resumable at any batch.
 */
final class VaeNetworks {
    static final String X = "x", EPS = "eps", LABEL = "label", Z = "z";
    static final String Z_PARAMS = "zParams", DECODER_OUT = "decOut", RECONSTRUCTION = "reconstruction", KL = "kl";

    private VaeNetworks() {
    }

    static ComputationGraph training(VaeArchitecture a, ObservationLoss likelihood, IUpdater updater, long seed,
                                     org.nd4j.linalg.api.buffer.DataType dataType) {
        // U(±1/√fan-in), PyTorch's default for linear and conv layers: 20-epoch MNIST VAEs reach a ~1 nat better
        // test ELBO from it than from Xavier's normal init (benchmarks/RESULTS.md, row 4)
        GraphBuilder g = LayerStacks.graph(seed, updater, org.deeplearning4j.nn.weights.WeightInit.UNIFORM, dataType);
        List<InputType> types = new ArrayList<>(List.of(dataType(a), InputType.feedForward(a.latentSize())));
        g.addInputs(X, EPS);
        if (a.conditional()) {
            g.addInputs(LABEL);
            types.add(InputType.feedForward(a.classes()));
        }
        addEncoder(g, a);
        int latent = a.latentSize();
        g.addVertex(Z, new GaussianSampleVertex(latent), Z_PARAMS, EPS);              // mu + exp(lv / 2) * eps
        addDecoder(g, a, Z);
        LossLayer.Builder reconstruction = new LossLayer.Builder().lossFunction(likelihood).activation(Activation.IDENTITY);
        g.addLayer(RECONSTRUCTION, reconstruction.build(), DECODER_OUT);
        if (a.kind() == VaeArchitecture.Kind.CONV) {
            long[] s = a.dataShape();
            g.inputPreProcessor(RECONSTRUCTION, new CnnToFeedForwardPreProcessor(s[1], s[2], s[0] * likelihood.outputsPerFeature()));
        }
        g.addLayer(KL, new LossLayer.Builder().lossFunction(new KlDivergenceLoss()).activation(Activation.IDENTITY).build(), Z_PARAMS)
                .setOutputs(RECONSTRUCTION, KL)
                .setInputTypes(types.toArray(new InputType[0]));
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    static ComputationGraph encoder(VaeArchitecture a, ComputationGraph training) {
        GraphBuilder g = LayerStacks.graph(0, null, org.deeplearning4j.nn.weights.WeightInit.UNIFORM, training.params().dataType());
        g.addInputs(X);
        List<InputType> types = new ArrayList<>(List.of(dataType(a)));
        if (a.conditional()) {
            g.addInputs(LABEL);
            types.add(InputType.feedForward(a.classes()));
        }
        addEncoder(g, a);
        g.setOutputs(Z_PARAMS).setInputTypes(types.toArray(new InputType[0]));
        return SharedParameters.graphOn(g.build(), training);
    }

    static ComputationGraph decoder(VaeArchitecture a, ComputationGraph training) {
        GraphBuilder g = LayerStacks.graph(0, null, org.deeplearning4j.nn.weights.WeightInit.UNIFORM, training.params().dataType());
        g.addInputs(Z);
        List<InputType> types = new ArrayList<>(List.of(InputType.feedForward(a.latentSize())));
        if (a.conditional()) {
            g.addInputs(LABEL);
            types.add(InputType.feedForward(a.classes()));
        }
        addDecoder(g, a, Z);
        g.setOutputs(DECODER_OUT).setInputTypes(types.toArray(new InputType[0]));
        return SharedParameters.graphOn(g.build(), training);
    }

    private static InputType dataType(VaeArchitecture a) {
        long[] s = a.dataShape();
        return a.kind() == VaeArchitecture.Kind.CONV ? InputType.convolutionalFlat(s[1], s[2], s[0]) : InputType.feedForward(a.dataSize());
    }

    private static void addEncoder(GraphBuilder g, VaeArchitecture a) {
        IActivation activation = ActivationNames.parse(a.activation()).getActivationFunction();
        String previous = a.kind() == VaeArchitecture.Kind.CONV
                ? LayerStacks.downsampling(g, X, "enc", a.dataShape(), a.channels(), 3, activation, UnaryOperator.identity())
                : X;
        previous = LayerStacks.dense(g, LayerStacks.withLabel(g, a.conditional(), previous, LABEL, "encIn"), "enc", a.hidden(), activation, UnaryOperator.identity());
        g.addLayer(Z_PARAMS, LayerStacks.denseLayer(2L * a.latentSize(), Activation.IDENTITY), previous);
    }

    private static void addDecoder(GraphBuilder g, VaeArchitecture a, String z) {
        Activation activation = ActivationNames.parse(a.activation());
        int outputs = a.newObservationLoss().outputsPerFeature();
        String previous = LayerStacks.withLabel(g, a.conditional(), z, LABEL, "decIn");
        int[] hidden = a.hidden();
        for (int i = hidden.length - 1; i >= 0; i--) {
            String name = "dec" + i;
            g.addLayer(name, LayerStacks.denseLayer(hidden[i], activation), previous);
            previous = name;
        }
        if (a.kind() == VaeArchitecture.Kind.MLP) {
            g.addLayer(DECODER_OUT, LayerStacks.denseLayer(a.dataSize() * outputs, Activation.IDENTITY), previous);
            return;
        }
        long[] s = a.dataShape();
        int[] channels = a.channels();
        long scale = 1L << channels.length;
        long h = s[1] / scale, w = s[2] / scale;
        int deepest = channels[channels.length - 1];
        g.addLayer("decGrid", LayerStacks.denseLayer(h * w * deepest, activation), previous);
        previous = "decGrid";
        for (int i = channels.length - 1; i >= 0; i--) {
            String name = "decConv" + i;
            int nOut = i > 0 ? channels[i - 1] : channels[0];
            g.addLayer(name, LayerStacks.upsamplingLayer(nOut, activation), previous);
            if (i == channels.length - 1) {
                g.inputPreProcessor(name, new FeedForwardToCnnPreProcessor(h, w, deepest));
            }
            previous = name;
        }
        g.addLayer(DECODER_OUT, LayerStacks.convolutionLayer(3, s[0] * outputs, Activation.IDENTITY), previous);
    }


}
