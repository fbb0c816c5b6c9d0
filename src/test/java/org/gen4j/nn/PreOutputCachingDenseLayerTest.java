package org.gen4j.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreOutputCachingDenseLayerTest {
    private static final UnaryOperator<DenseLayer> STOCK = layer -> layer;
    private static final UnaryOperator<DenseLayer> CACHING = PreOutputCachingDenseLayer::of;

    private static ComputationGraph graph(UnaryOperator<DenseLayer> kind) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("x").setInputTypes(InputType.feedForward(5))
                .addLayer("h", kind.apply(new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build()), "x")
                .addLayer("t", kind.apply(new DenseLayer.Builder().nOut(4).activation(Activation.TANH).hasBias(false).build()), "h")
                .addLayer("y", kind.apply(new DenseLayer.Builder().nOut(3).activation(Activation.SIGMOID).build()), "t")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "y")
                .setOutputs("loss").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void gradientsScoresAndTrainingEqualDl4jsDenseLayer() {
        ComputationGraph stock = graph(STOCK);
        ComputationGraph caching = graph(CACHING);
        assertInstanceOf(PreOutputCachingDense.class, caching.getLayer("h"));
        assertEquals(stock.params(), caching.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 11, 5).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 11, 3);
        SameTraining.assertSameTraining(stock, caching, x, y, 1e-15, () -> {
            for (String layer : new String[]{"h", "t", "y"}) {
                assertTrue(((PreOutputCachingDense) caching.getLayer(layer)).lastBackwardReused, layer + " reused its forward pass");
            }
        });
    }

    @Test
    void aBackwardPassWithoutItsForwardPassComputesThePreActivationsAgain() {
        ComputationGraph stock = graph(STOCK);
        ComputationGraph caching = graph(CACHING);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 5);
        INDArray other = Nd4j.rand(DataType.DOUBLE, 6, 5);
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 6, 7);
        SameTraining.gradients(stock, x, Nd4j.rand(DataType.DOUBLE, 6, 3));      // sets up the gradient buffers
        SameTraining.gradients(caching, x, Nd4j.rand(DataType.DOUBLE, 6, 3));
        caching.getLayer("h").activate(other, true, LayerWorkspaceMgr.noWorkspaces());
        caching.getLayer("h").setInput(x, LayerWorkspaceMgr.noWorkspaces());
        stock.getLayer("h").setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray expected = stock.getLayer("h").backpropGradient(epsilon.dup(), LayerWorkspaceMgr.noWorkspaces()).getSecond();
        INDArray actual = caching.getLayer("h").backpropGradient(epsilon.dup(), LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertEquals(expected, actual);
        assertTrue(!((PreOutputCachingDense) caching.getLayer("h")).lastBackwardReused);
    }

    @Test
    void theConfigurationSurvivesJson() {
        SameTraining.assertSurvivesJson(graph(CACHING), "t", PreOutputCachingDense.class);
        assertTrue(graph(CACHING).getConfiguration().toJson().contains(PreOutputCachingDenseLayer.class.getName()));
    }
}
