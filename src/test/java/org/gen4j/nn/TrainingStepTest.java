package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainingStepTest {
    private static ComputationGraph graph(DataType type, org.nd4j.linalg.learning.config.IUpdater updater) {
        var g = LayerStacks.graph(5, updater, org.deeplearning4j.nn.weights.WeightInit.XAVIER, type)
                .addInputs("x").setInputTypes(InputType.feedForward(6))
                .addLayer("h", LayerStacks.denseLayer(9, Activation.RELU), "x")
                .addLayer("norm", ActivatedBatchNormalization.of(new BatchNormalization.Builder().build()), "h")
                .addLayer("y", LayerStacks.denseLayer(3, Activation.IDENTITY), "norm")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "y")
                .setOutputs("loss");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /** Every listener call, with the iteration and epoch where the call carries them. */
    private static final class Calls extends BaseTrainingListener {
        final List<String> heard = new ArrayList<>();

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            heard.add("forward");
        }

        @Override
        public void onBackwardPass(Model model) {
            heard.add("backward");
        }

        @Override
        public void onGradientCalculation(Model model) {
            heard.add("gradient");
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            heard.add("done " + iteration + "/" + epoch + " score " + model.score());
        }
    }

    private static void assertSameAsFit(DataType type, org.nd4j.linalg.learning.config.IUpdater updater, boolean dataSets) {
        ComputationGraph stock = graph(type, updater), stepped = graph(type, updater);
        FusedGraphUpdater.install(stock);
        FusedGraphUpdater.install(stepped);
        Calls stockCalls = new Calls(), steppedCalls = new Calls();
        stock.setListeners(stockCalls);
        stepped.setListeners(steppedCalls);
        for (int step = 0; step < 8; step++) {
            if (step == 4) {
                stock.getConfiguration().setEpochCount(1);
                stepped.getConfiguration().setEpochCount(1);
            }
            INDArray x = Nd4j.rand(type, 10, 6).subi(0.5), y = Nd4j.rand(type, 10, 3);
            if (dataSets) {
                stock.fit(new DataSet(x, y));
                TrainingStep.fit(stepped, new DataSet(x, y));
            } else {
                stock.fit(new MultiDataSet(x, y));
                TrainingStep.fit(stepped, new MultiDataSet(x, y));
            }
            assertEquals(stock.score(), stepped.score(), "score after step " + step);
        }
        String what = type + " " + updater.getClass().getSimpleName();
        assertBitIdentical(stock.params(), stepped.params(), what);
        assertBitIdentical(stock.getUpdater().getStateViewArray(), stepped.getUpdater().getStateViewArray(), what);
        assertEquals(stockCalls.heard, steppedCalls.heard, what);
        assertEquals(stock.getConfiguration().getIterationCount(), stepped.getConfiguration().getIterationCount());
        Layer[] stockLayers = stock.getLayers(), steppedLayers = stepped.getLayers();
        for (int i = 0; i < stockLayers.length; i++) {
            assertEquals(stockLayers[i].getIterationCount(), steppedLayers[i].getIterationCount(), "layer " + i);
            assertEquals(stockLayers[i].getEpochCount(), steppedLayers[i].getEpochCount(), "layer " + i);
        }
        assertEquals(stock.output(Nd4j.ones(type, 2, 6))[0], stepped.output(Nd4j.ones(type, 2, 6))[0]);
    }

    @Test
    void sameParametersStateScoreAndListenerCallsAsFit() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            assertSameAsFit(type, new Adam(3e-3), false);           // fused: the update subtracted in its own pass
        }
        assertSameAsFit(DataType.DOUBLE, new Adam(3e-3), true);
        assertSameAsFit(DataType.DOUBLE, new Sgd(0.1), false);       // not FusedAdam: graph.fit itself
    }

    @Test
    void aGraphWithDl4jsUpdaterIsFitByDl4j() {
        ComputationGraph stock = graph(DataType.DOUBLE, new Adam(1e-2)), stepped = graph(DataType.DOUBLE, new Adam(1e-2));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 6), y = Nd4j.rand(DataType.DOUBLE, 5, 3);
        stock.fit(new MultiDataSet(x, y));
        TrainingStep.fit(stepped, new MultiDataSet(x, y));
        assertBitIdentical(stock.params(), stepped.params());
    }
}
