package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training step, {@code graph.fit(batch)}, with the update subtracted from the parameters inside
 * {@link FusedGraphUpdater}'s pass rather than by DL4J's optimizer afterwards (one more ND4J op over every
 * parameter, and a copy of the parameters onto themselves: 6 % of a VAE step).
 * <pre>{@code
 * FusedGraphUpdater.install(graph);
 * TrainingStep.fit(graph, batch);        // as graph.fit(batch)
 * }</pre>
 * The listeners hear the same calls in the same order ({@code onForwardPass} and {@code onBackwardPass} from the
 * graph, {@code onGradientCalculation}, {@code iterationDone}), the iteration count moves on the same way and the
 * parameters, updater state and score come out bit for bit as {@code graph.fit}'s (FusedGraphUpdaterTest).
 * Graphs this does not cover take {@code graph.fit}: another updater, regularization or gradient clipping (see
 * {@link FusedGraphUpdater}), truncated backpropagation through time, or parameter constraints.
 */
public final class TrainingStep {
    private TrainingStep() {
    }

    /** {@code graph.fit(batch)}. */
    public static void fit(ComputationGraph graph, MultiDataSet batch) {
        fit(graph, batch.getFeatures(), batch.getLabels(), batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
    }

    /** {@code graph.fit(batch)} for a single-input, single-output graph. */
    public static void fit(ComputationGraph graph, DataSet batch) {
        fit(graph, new INDArray[]{batch.getFeatures()}, new INDArray[]{batch.getLabels()},
                batch.getFeaturesMaskArray() == null ? null : new INDArray[]{batch.getFeaturesMaskArray()},
                batch.getLabelsMaskArray() == null ? null : new INDArray[]{batch.getLabelsMaskArray()});
    }

    private static void fit(ComputationGraph graph, INDArray[] features, INDArray[] labels, INDArray[] featureMasks, INDArray[] labelMasks) {
        FusedGraphUpdater updater = covered(graph, features, labels);
        if (updater == null) {
            graph.fit(features, labels, featureMasks, labelMasks);
            return;
        }
        if (graph.getFlattenedGradients() == null) {
            graph.initGradientsView();
        }
        graph.setInputs(features);
        graph.setLabels(labels);
        graph.setLayerMaskArrays(featureMasks, labelMasks);
        try {
            graph.computeGradientAndScore();
            ComputationGraphConfiguration configuration = graph.getConfiguration();
            int iteration = configuration.getIterationCount(), epoch = configuration.getEpochCount();
            tell(graph, listener -> listener.onGradientCalculation(graph));
            updater.updateAndApply(graph.gradient(), graph.params(), iteration, epoch, graph.batchSize());
            tell(graph, listener -> listener.iterationDone(graph, iteration, epoch));
            configuration.setIterationCount(iteration + 1);
            for (Layer layer : graph.getLayers()) {       // as the graph's own fit leaves its layers' counts
                layer.setIterationCount(iteration + 1);
                layer.setEpochCount(epoch);
            }
        } finally {
            if (featureMasks != null || labelMasks != null) {
                graph.clearLayerMaskArrays();
            }
            graph.clearLayersStates();
        }
    }

    /** The graph's fused updater when this step covers the graph and batch, else null. */
    private static FusedGraphUpdater covered(ComputationGraph graph, INDArray[] features, INDArray[] labels) {
        ComputationGraphUpdater updater = graph.getUpdater(false);
        if (!(updater instanceof FusedGraphUpdater fused) || graph.numParams() == 0
                || graph.getConfiguration().getBackpropType() == BackpropType.TruncatedBPTT
                || features == null || features.length != graph.getNumInputArrays()
                || labels == null || labels.length != graph.getNumOutputArrays() || !fused.fused()) {
            return null;                         // graph.fit: DL4J's path, and its errors for a batch that does not fit
        }
        for (Layer layer : graph.getLayers()) {
            var constraints = layer.conf().getLayer().getConstraints();
            if (constraints != null && !constraints.isEmpty()) {
                return null;
            }
        }
        return fused;
    }

    private static void tell(ComputationGraph graph, java.util.function.Consumer<TrainingListener> call) {
        if (graph.getListeners() == null || graph.getListeners().isEmpty()) {
            return;
        }
        try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            graph.getListeners().forEach(call);
        }
    }
}
