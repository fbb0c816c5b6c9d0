package org.gen4j.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The one seam between a trainer and gen4j's fast training paths: open a session over the graphs a training step
 * touches, step through the batches, close it. Opening gives each graph the fused updater and shares the graphs'
 * matrix products between threads when every layer multiplies through gen4j; each step skips the gradient of the
 * network's input and takes gen4j's fused step. A trainer that trains through a session gets every speed-up, and
 * results bit for bit as {@code graph.fit}'s.
 *
 * <pre>{@code
 * try (FitSession session = FitSession.open(graph)) {
 *     for (MultiDataSet batch : batches) session.step(graph, batch);
 * }
 * }</pre>
 */
public final class FitSession implements AutoCloseable {
    private final SharedProducts.Scope shared;

    private FitSession(SharedProducts.Scope shared) {
        this.shared = shared;
    }

    /** @param graphs every graph the steps train or run (their layers decide whether products are shared) */
    public static FitSession open(ComputationGraph... graphs) {
        for (ComputationGraph graph : graphs) {
            FusedGraphUpdater.install(graph);         // keeps the updater state the graph has
        }
        return new FitSession(SharedProducts.whileTraining(graphs));
    }

    /** One training step of {@code graph} on {@code batch}: {@code graph.fit(batch)}. */
    public void step(ComputationGraph graph, MultiDataSet batch) {
        try (NetworkInputGradients.Skipped skipped = NetworkInputGradients.skipWhileTraining(graph)) {
            TrainingStep.fit(graph, batch);
        }
    }

    /** One training step of a single-input, single-output {@code graph}. */
    public void step(ComputationGraph graph, DataSet batch) {
        try (NetworkInputGradients.Skipped skipped = NetworkInputGradients.skipWhileTraining(graph)) {
            TrainingStep.fit(graph, batch);
        }
    }

    /** Whether this session shares its products between threads. */
    public boolean sharing() {
        return shared.sharing();
    }

    @Override
    public void close() {
        shared.close();
    }
}
