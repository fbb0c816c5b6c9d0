package org.gen4j.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Checks that a graph with gen4j's layers computes what the same graph with DL4J's own layers does. */
final class SameTraining {
    private SameTraining() {
    }

    static Map<String, INDArray> gradients(ComputationGraph g, INDArray x, INDArray y) {
        g.setInputs(x);
        g.setLabels(y);
        g.computeGradientAndScore();
        return g.gradient().gradientForVariable();
    }

    /** Equal gradients and score on (x, y) within {@code tolerance}, then equal parameters after 5 training steps. */
    static void assertSameTraining(ComputationGraph stock, ComputationGraph ours, INDArray x, INDArray y, double tolerance,
                                   Runnable afterFirstGradient) {
        Map<String, INDArray> expected = gradients(stock, x, y);
        Map<String, INDArray> actual = gradients(ours, x, y);
        afterFirstGradient.run();
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertEquals(0.0, expected.get(key).sub(actual.get(key)).amaxNumber().doubleValue(), tolerance, key);
        }
        assertEquals(stock.score(), ours.score(), tolerance);
        for (int step = 0; step < 5; step++) {
            stock.fit(new INDArray[]{x}, new INDArray[]{y});
            ours.fit(new INDArray[]{x}, new INDArray[]{y});
        }
        assertEquals(0.0, stock.params().sub(ours.params()).amaxNumber().doubleValue(), 100 * tolerance);
    }

    /** The graph's configuration read back from its JSON is equal, and builds {@code runningLayer} for {@code layer}. */
    static void assertSurvivesJson(ComputationGraph graph, String layer, Class<?> runningLayer) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        ComputationGraph restored = new ComputationGraph(back);
        restored.init();
        assertInstanceOf(runningLayer, restored.getLayer(layer));
    }
}
