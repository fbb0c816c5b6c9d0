package org.gen4j.nn;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.function.UnaryOperator;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusedGraphUpdaterTest {
    private static ComputationGraph graph(DataType type, boolean batchNorm, UnaryOperator<org.deeplearning4j.nn.conf.layers.BaseLayer> tweak) {
        var g = LayerStacks.graph(5, new Adam(3e-3), org.deeplearning4j.nn.weights.WeightInit.XAVIER, type)
                .addInputs("x").setInputTypes(InputType.feedForward(6))
                .addLayer("h", tweak.apply((org.deeplearning4j.nn.conf.layers.BaseLayer) LayerStacks.denseLayer(9, Activation.RELU)), "x");
        String last = "h";
        if (batchNorm) {
            g.addLayer("norm", ActivatedBatchNormalization.of(new BatchNormalization.Builder().build()), "h");
            last = "norm";
        }
        g.addLayer("y", LayerStacks.denseLayer(3, Activation.IDENTITY), last)
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "y")
                .setOutputs("loss");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /** Ten steps on batches of 10 rows (a division that rounds) with DL4J's updater and with the fused one. */
    private static void assertSameTraining(DataType type, boolean batchNorm, UnaryOperator<org.deeplearning4j.nn.conf.layers.BaseLayer> tweak,
                                           boolean expectFused) {
        ComputationGraph stock = graph(type, batchNorm, tweak), fused = graph(type, batchNorm, tweak);
        FusedGraphUpdater.install(fused);
        for (int step = 0; step < 10; step++) {
            INDArray x = Nd4j.rand(type, 10, 6).subi(0.5), y = Nd4j.rand(type, 10, 3);
            stock.fit(new INDArray[]{x}, new INDArray[]{y});
            fused.fit(new INDArray[]{x}, new INDArray[]{y});
        }
        assertEquals(expectFused, ((FusedGraphUpdater) fused.getUpdater()).fused());
        assertBitIdentical(stock.params(), fused.params(), type + (batchNorm ? " with batch norm" : ""));
        assertBitIdentical(stock.getUpdater().getStateViewArray(), fused.getUpdater().getStateViewArray());
    }

    @Test
    void trainsExactlyAsDl4jsUpdater() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            assertSameTraining(type, false, UnaryOperator.identity(), true);
            // batch norm's running statistics: no updater and no division by the minibatch, in blocks of their own
            assertSameTraining(type, true, UnaryOperator.identity(), true);
        }
    }

    @Test
    void regularizationOrClippingLeaveItToDl4j() {
        assertSameTraining(DataType.DOUBLE, false, layer -> {
            layer.setRegularization(java.util.List.of(new org.nd4j.linalg.learning.regularization.L2Regularization(1e-2)));
            return layer;
        }, false);
        assertSameTraining(DataType.DOUBLE, false, layer -> {
            layer.setGradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue);
            layer.setGradientNormalizationThreshold(0.01);
            return layer;
        }, false);
    }

    @Test
    void installingKeepsTheStateSoTrainingGoesOnAsBefore() {
        ComputationGraph reference = graph(DataType.DOUBLE, false, UnaryOperator.identity());
        ComputationGraph switched = graph(DataType.DOUBLE, false, UnaryOperator.identity());
        for (int step = 0; step < 6; step++) {
            if (step == 3) {
                FusedGraphUpdater.install(switched);
                assertInstanceOf(FusedGraphUpdater.class, switched.getUpdater());
            }
            INDArray x = Nd4j.rand(DataType.DOUBLE, 7, 6), y = Nd4j.rand(DataType.DOUBLE, 7, 3);
            reference.fit(new INDArray[]{x}, new INDArray[]{y});
            switched.fit(new INDArray[]{x}, new INDArray[]{y});
        }
        assertBitIdentical(reference.params(), switched.params());
        assertTrue(((FusedGraphUpdater) switched.getUpdater()).fused());
        FusedGraphUpdater.install(switched);                                  // a second install changes nothing
        assertBitIdentical(reference.getUpdater().getStateViewArray(), switched.getUpdater().getStateViewArray());
        assertFalse(reference.getUpdater() instanceof FusedGraphUpdater);
    }
}
