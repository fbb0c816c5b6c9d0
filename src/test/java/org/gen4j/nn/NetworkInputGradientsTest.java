package org.gen4j.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class NetworkInputGradientsTest {
    private static ComputationGraph graph(ComputationGraphConfiguration.GraphBuilder g) {
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static ComputationGraphConfiguration.GraphBuilder builder() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Adam(1e-2)).graphBuilder();
    }

    private static ComputationGraph dense() {
        return graph(builder().addInputs("x").setInputTypes(InputType.feedForward(5))
                .addLayer("h", PreOutputCachingDenseLayer.of(new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build()), "x")
                .addLayer("y", PreOutputCachingDenseLayer.of(new DenseLayer.Builder().nOut(3).activation(Activation.SIGMOID).build()), "h")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "y")
                .setOutputs("loss"));
    }

    @Test
    void theLayerFedByTheInputSkipsItsInputGradientOnlyWhileTheScopeIsOpen() {
        ComputationGraph g = dense();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 9, 5).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 9, 3);
        Map<String, INDArray> full = copies(SameTraining.gradients(g, x, y));
        assertNotNull(inputGradient(g, x), "DL4J's gradient with respect to the input");
        try (NetworkInputGradients.Skipped scope = NetworkInputGradients.skipWhileTraining(g)) {
            assertEquals(1, scope.layers());
            assertEquals(full, copies(SameTraining.gradients(g, x, y)), "the parameters' gradients do not change");
            assertNull(inputGradient(g, x));
        }
        assertNotNull(inputGradient(g, x), "back after the scope closes");
    }

    /** The first layer's backward pass on its own, after a forward pass: what it hands back for the input. */
    private static INDArray inputGradient(ComputationGraph g, INDArray x) {
        org.deeplearning4j.nn.api.Layer h = g.getLayer("h");
        h.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
        INDArray result = h.backpropGradient(Nd4j.rand(DataType.DOUBLE, x.rows(), 7), LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertEquals(true, ((PreOutputCachingDense) h).lastBackwardReused);
        return result;
    }

    @Test
    void trainingInsideTheScopeEqualsTrainingOutsideIt() {
        ComputationGraph outside = dense(), inside = dense();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 9, 5).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 9, 3);
        for (int step = 0; step < 5; step++) {
            outside.fit(new INDArray[]{x}, new INDArray[]{y});
            try (NetworkInputGradients.Skipped scope = NetworkInputGradients.skipWhileTraining(inside)) {
                inside.fit(new INDArray[]{x}, new INDArray[]{y});
            }
        }
        assertEquals(outside.params(), inside.params());
    }

    @Test
    void aConvolutionFedByTheInputSkipsItToo() {
        ComputationGraph g = graph(builder().addInputs("x").setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("c", new ContiguousIm2colConvolutionLayer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(3)
                        .activation(Activation.LEAKYRELU)), "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build(), "c")
                .setOutputs("out"));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 2, 8, 8);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 4, 1).gt(0.5).castTo(DataType.DOUBLE);
        Map<String, INDArray> full = copies(SameTraining.gradients(g, x, y));
        org.deeplearning4j.nn.api.Layer c = g.getLayer("c");
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 4, 3, 3, 3);
        c.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
        assertNotNull(c.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond());
        try (NetworkInputGradients.Skipped scope = NetworkInputGradients.skipWhileTraining(g)) {
            assertEquals(1, scope.layers());
            assertEquals(full, copies(SameTraining.gradients(g, x, y)));
            c.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
            assertNull(c.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond());
            assertEquals(true, ((ContiguousIm2colConvolution) c).lastBackwardReused);
        }
    }

    @Test
    void anInputReadTwiceOrThroughAVertexKeepsItsGradient() {
        ComputationGraph g = graph(builder().addInputs("x", "label").setInputTypes(InputType.feedForward(5), InputType.feedForward(2))
                .addLayer("a", PreOutputCachingDenseLayer.of(new DenseLayer.Builder().nOut(4).build()), "x")
                .addLayer("b", PreOutputCachingDenseLayer.of(new DenseLayer.Builder().nOut(4).build()), "x")
                .addVertex("both", new MergeVertex(), "a", "b", "label")
                .addLayer("c", PreOutputCachingDenseLayer.of(new DenseLayer.Builder().nOut(3).build()), "both")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "c")
                .setOutputs("loss"));
        try (NetworkInputGradients.Skipped scope = NetworkInputGradients.skipWhileTraining(g)) {
            assertEquals(0, scope.layers());
        }
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> gradients) {
        Map<String, INDArray> out = new java.util.TreeMap<>();
        gradients.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
