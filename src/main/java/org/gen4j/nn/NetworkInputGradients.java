package org.gen4j.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;

import java.util.ArrayList;
import java.util.List;

/**
 * Inside a trainer's own {@code fit} loop nobody reads the gradient with respect to a network input: DL4J computes it
 * and drops it (only {@code ComputationGraph.backpropGradient} called from outside hands it back). The layers fed
 * straight by an input skip that product for as long as the returned scope is open; for a VAE's first layer that is
 * one [b, 400] x [400, 784] product, a sixth of the step's multiply-adds, and for a DCGAN generator's first layer
 * [b, 6272] x [6272, 100].
 * <pre>{@code
 * try (NetworkInputGradients.Skipped skipped = NetworkInputGradients.skipWhileTraining(graph)) {
 *     graph.fit(batch);
 * }
 * }</pre>
 * A layer qualifies when it is one of gen4j's running layers that can leave the gradient out, takes its input straight
 * from a network input with no preprocessor, and is that input's only consumer (DL4J adds up the gradients of an input
 * read twice, and a missing one beside a present one would fail).
 */
public final class NetworkInputGradients {
    private NetworkInputGradients() {
    }

    /** A running layer that can leave its input gradient out of {@code backpropGradient} (returning null for it). */
    interface Skippable {
        void skipInputGradient(boolean skip);
    }

    /** The scope during which the qualifying layers of one graph skip their input gradients. */
    public static final class Skipped implements AutoCloseable {
        private final List<Skippable> layers;

        private Skipped(List<Skippable> layers) {
            this.layers = layers;
            layers.forEach(l -> l.skipInputGradient(true));
        }

        /** How many layers skip their input gradient in this scope. */
        public int layers() {
            return layers.size();
        }

        @Override
        public void close() {
            layers.forEach(l -> l.skipInputGradient(false));
        }
    }

    /** Opens a scope in which the layers of {@code graph} fed straight by a network input skip their input gradients. */
    public static Skipped skipWhileTraining(ComputationGraph graph) {
        List<Skippable> found = new ArrayList<>();
        GraphVertex[] vertices = graph.getVertices();
        for (GraphVertex vertex : vertices) {
            if (vertex instanceof LayerVertex layerVertex && layerVertex.getLayer() instanceof Skippable layer
                    && layerVertex.getLayerPreProcessor() == null && fedOnlyByInputsItAloneReads(vertex, vertices)) {
                found.add(layer);
            }
        }
        return new Skipped(found);
    }

    private static boolean fedOnlyByInputsItAloneReads(GraphVertex vertex, GraphVertex[] vertices) {
        VertexIndices[] inputs = vertex.getInputVertices();
        if (inputs == null || inputs.length != 1) {
            return false;
        }
        GraphVertex source = vertices[inputs[0].getVertexIndex()];
        return source.isInputVertex() && source.getOutputVertices() != null && source.getOutputVertices().length == 1;
    }
}
