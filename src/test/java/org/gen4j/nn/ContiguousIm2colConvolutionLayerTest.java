package org.gen4j.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContiguousIm2colConvolutionLayerTest {
    private static final Function<ConvolutionLayer.Builder, Layer> STOCK = ConvolutionLayer.Builder::build;
    private static final Function<ConvolutionLayer.Builder, Layer> CONTIGUOUS = ContiguousIm2colConvolutionLayer::new;

    private static ComputationGraph graph(Function<ConvolutionLayer.Builder, Layer> kind, ConvolutionMode mode) {
        // a slope float32 holds exactly: libnd4j's lrelu_bp rounds alpha to float (0.01 becomes 0.00999999977),
        // gen4j's backward pass uses it as given, the exact derivative of the forward pass
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).convolutionMode(mode).graphBuilder()
                .addInputs("x").setInputTypes(InputType.convolutional(9, 8, 2))
                .addLayer("c1", kind.apply(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(3).activation(new ActivationLReLU(0.25))), "x")
                .addLayer("c2", kind.apply(new ConvolutionLayer.Builder(3, 3).stride(1, 1).padding(1, 1).nOut(4).activation(Activation.TANH)), "c1")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build(), "c2")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @ParameterizedTest
    @EnumSource(value = ConvolutionMode.class, names = {"Same", "Truncate"})
    void gradientsScoresAndTrainingEqualDl4jsConvolution(ConvolutionMode mode) {
        ComputationGraph stock = graph(STOCK, mode);
        ComputationGraph contiguous = graph(CONTIGUOUS, mode);
        assertInstanceOf(ContiguousIm2colConvolution.class, contiguous.getLayer("c1"));
        assertEquals(stock.params(), contiguous.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 2, 9, 8).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 6, 1).gt(0.5).castTo(DataType.DOUBLE);
        assertEquals(0.0, stock.outputSingle(x).sub(contiguous.outputSingle(x)).amaxNumber().doubleValue(), 1e-14);
        SameTraining.assertSameTraining(stock, contiguous, x, y, 1e-13, () -> {
            for (String layer : new String[]{"c1", "c2"}) {
                assertTrue(((ContiguousIm2colConvolution) contiguous.getLayer(layer)).lastBackwardReused, layer + " used its own path");
            }
        });
    }

    @Test
    void theConfigurationSurvivesJson() {
        SameTraining.assertSurvivesJson(graph(CONTIGUOUS, ConvolutionMode.Same), "c2", ContiguousIm2colConvolution.class);
    }
}
