package org.gen4j.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FusedAdamTest {

    private static ComputationGraph graph(IUpdater updater, DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .updater(updater).graphBuilder().addInputs("x").setInputTypes(InputType.feedForward(6))
                .addLayer("h", new DenseLayer.Builder().nOut(37).activation(Activation.TANH).build(), "x")   // ragged sizes
                .addLayer("y", new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), "h")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "y")
                .setOutputs("loss").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** 20 steps with each updater from the same start: parameters and updater state (m, v) agree. */
    private static void assertSameSteps(IUpdater stockUpdater, DataType type, double tolerance) {
        ComputationGraph stock = graph(stockUpdater, type);
        ComputationGraph fused = graph(FusedAdam.inPlaceOf(stockUpdater), type);
        assertInstanceOf(FusedAdam.class, fused.getLayer("h").conf().getLayer().getUpdaterByParam("W"));
        INDArray x = Nd4j.randn(type, 16, 6), y = Nd4j.randn(type, 16, 3);
        for (int step = 0; step < 20; step++) {
            stock.fit(new INDArray[]{x}, new INDArray[]{y});
            fused.fit(new INDArray[]{x}, new INDArray[]{y});
        }
        double scale = stock.params().amaxNumber().doubleValue();
        assertEquals(0.0, stock.params().sub(fused.params()).amaxNumber().doubleValue(), tolerance * scale, type + " parameters");
        INDArray stockState = stock.getUpdater().getStateViewArray(), fusedState = fused.getUpdater().getStateViewArray();
        assertEquals(0.0, stockState.sub(fusedState).amaxNumber().doubleValue(), tolerance * stockState.amaxNumber().doubleValue(), type + " m and v");
    }

    @Test
    void stepsEqualDl4jsAdamInBothPrecisions() {
        assertSameSteps(new Adam(1e-2), DataType.DOUBLE, 1e-13);
        assertSameSteps(new Adam(2e-3, 0.5, 0.99, 1e-6), DataType.FLOAT, 1e-5);
    }

    @Test
    void aLearningRateScheduleIsKept() {
        Adam scheduled = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 1e-2, 0.8));
        FusedAdam fused = (FusedAdam) FusedAdam.inPlaceOf(scheduled);
        assertEquals(scheduled.getLearningRate(5, 0), fused.getLearningRate(5, 0), 0.0);
        assertSameSteps(scheduled, DataType.DOUBLE, 1e-13);
    }

    @Test
    void otherUpdatersAreLeftAsTheyAre() {
        Sgd sgd = new Sgd(0.1);
        assertSame(sgd, FusedAdam.inPlaceOf(sgd));
        FusedAdam already = new FusedAdam(1e-3, 0.9, 0.999, 1e-8);
        assertSame(already, FusedAdam.inPlaceOf(already));
    }

    @Test
    void survivesJsonAndTrainsOnFromSavedState() {
        ComputationGraph trained = graph(new FusedAdam(1e-2, 0.9, 0.999, 1e-8), DataType.DOUBLE);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 8, 6), y = Nd4j.randn(DataType.DOUBLE, 8, 3);
        trained.fit(new INDArray[]{x}, new INDArray[]{y});
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(trained.getConfiguration().toJson());
        assertEquals(trained.getConfiguration(), back);
        ComputationGraph restored = new ComputationGraph(back);
        restored.init(trained.params().dup(), true);
        restored.getUpdater().getStateViewArray().assign(trained.getUpdater().getStateViewArray());
        assertInstanceOf(FusedAdam.class, restored.getLayer("h").conf().getLayer().getUpdaterByParam("W"));
        for (int step = 0; step < 3; step++) {
            trained.fit(new INDArray[]{x}, new INDArray[]{y});
            restored.fit(new INDArray[]{x}, new INDArray[]{y});
        }
        assertTrue(trained.params().equalsWithEps(restored.params(), 1e-15));
    }
}
