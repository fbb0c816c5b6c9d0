package org.gen4j.nn;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;

/**
 * The reparameterised sample of a diagonal Gaussian, {@code z = μ + exp(lv / 2) · ε}, from the encoder's
 * {@code [μ | lv]} ({@code [b, 2L]}) and standard normal noise ε ({@code [b, L]}), as one graph vertex: DL4J's
 * own vertices need five (two subsets, the σ activation, a product and a sum), each with its arrays and ND4J calls
 * on a few thousand values, 7 % of a VAE training step.
 * <pre>{@code
 * graph.addVertex("z", new GaussianSampleVertex(20), "zParams", "eps");
 * }</pre>
 */
public final class GaussianSampleVertex extends GraphVertex {
    private final int latent;

    /** @param latent L, the latent dimensions: the first input has 2L columns, the noise L */
    public GaussianSampleVertex(@JsonProperty("latent") int latent) {
        if (latent < 1) {
            throw new IllegalArgumentException("a Gaussian sample needs at least one latent dimension, got " + latent);
        }
        this.latent = latent;
    }

    public int getLatent() {
        return latent;
    }

    @Override
    public GaussianSampleVertex clone() {
        return new GaussianSampleVertex(latent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianSampleVertex other && other.latent == latent;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(latent) * 31 + 7;
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int index,
                                                                      INDArray paramsView, boolean initializeParams, DataType dataType) {
        return new GaussianSample(graph, name, index, latent, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 2 || inputs[0].getType() != InputType.Type.FF || inputs[1].getType() != InputType.Type.FF
                || inputs[0].arrayElementsPerExample() != 2L * latent || inputs[1].arrayElementsPerExample() != latent) {
            throw new InvalidInputTypeException("a Gaussian sample of " + latent + " dimensions takes [mean | log-variance] ("
                    + 2 * latent + " values) and noise (" + latent + "), got " + Arrays.toString(inputs));
        }
        return InputType.feedForward(latent);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputs) {
        return new LayerMemoryReport.Builder(null, GaussianSampleVertex.class, inputs[0], getOutputType(-1, inputs))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "GaussianSampleVertex(latent=" + latent + ")";
    }
}
