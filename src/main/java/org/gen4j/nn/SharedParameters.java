package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J graphs that share one parameter buffer: a part of a network (a VAE's decoder, a GAN's discriminator) built
 * as a graph of its own whose parameters are a view into the whole network's, so an update through either is seen
 * by both with no copying.
 *
 * <pre>{@code
 * ComputationGraph decoder = SharedParameters.graphOn(decoderConfiguration, training);  // same layer names
 * }</pre>
 */
public final class SharedParameters {
    private SharedParameters() {
    }

    /**
     * A graph of {@code part} initialised on a view of {@code owner}'s flat parameters. The layers of {@code part}
     * that have parameters must exist in {@code owner} under the same names with as many parameters, and lie there
     * as one contiguous run in the same order (DL4J lays parameters out in topological order, so a chain of layers
     * that is a chain in the owner qualifies); this is checked, and a violation is a bug in the caller.
     */
    public static ComputationGraph graphOn(ComputationGraphConfiguration part, ComputationGraph owner) {
        ComputationGraph probe = new ComputationGraph(part.clone());
        probe.init();
        INDArray all = owner.params();
        long start = -1, end = -1;
        for (String vertex : probe.getConfiguration().getTopologicalOrderStr()) {
            Layer layer = probe.getLayer(vertex);
            if (layer == null || layer.numParams() == 0) {
                continue;
            }
            Layer same = owner.getLayer(vertex);
            if (same == null || same.numParams() != layer.numParams()) {
                throw new IllegalStateException("graphs disagree on layer " + vertex);
            }
            long offset = same.params().offset() - all.offset();
            if (start < 0) {
                start = offset;
            } else if (offset != end) {
                throw new IllegalStateException("layer " + vertex + " is not contiguous in the owner's parameters");
            }
            end = offset + layer.numParams();
        }
        ComputationGraph graph = new ComputationGraph(part);
        graph.init(slice(all, start, end), false);
        return graph;
    }

    /** A view of elements {@code [start, end)} of a flat parameter vector ({@code [n]} or {@code [1, n]}). */
    public static INDArray slice(INDArray flat, long start, long end) {
        return flat.rank() == 1 ? flat.get(NDArrayIndex.interval(start, end))
                : flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(start, end));
    }

    /** Where the parameters of layer {@code name} start in {@code graph}'s flat vector. */
    public static long offsetOf(ComputationGraph graph, String name) {
        return graph.getLayer(name).params().offset() - graph.params().offset();
    }

    /** A deep copy with its updater state and the counters DL4J's clone resets (Adam's bias correction reads them). */
    public static ComputationGraph copy(ComputationGraph graph) {
        ComputationGraph copy = graph.clone();
        copy.getConfiguration().setIterationCount(graph.getConfiguration().getIterationCount());
        copy.getConfiguration().setEpochCount(graph.getConfiguration().getEpochCount());
        return copy;
    }
}
