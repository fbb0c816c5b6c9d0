package org.gen4j.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContiguousDeconvolution2DTest {
    private static final Function<Deconvolution2D.Builder, Layer> STOCK = Deconvolution2D.Builder::build;
    private static final Function<Deconvolution2D.Builder, Layer> CONTIGUOUS = ContiguousDeconvolution2D::new;

    private static ComputationGraph graph(Function<Deconvolution2D.Builder, Layer> kind, ConvolutionMode mode) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).convolutionMode(mode).graphBuilder()
                .addInputs("x").setInputTypes(InputType.convolutional(3, 3, 2))
                .addLayer("up", kind.apply(new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(3).activation(Activation.RELU)), "x")
                .addLayer("out", kind.apply(new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(1).activation(Activation.SIGMOID)), "up")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "out")
                .setOutputs("loss").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @ParameterizedTest
    @EnumSource(value = ConvolutionMode.class, names = {"Same", "Truncate"})
    void gradientsScoresAndTrainingEqualDl4jsDeconvolution(ConvolutionMode mode) {
        ComputationGraph stock = graph(STOCK, mode);
        ComputationGraph contiguous = graph(CONTIGUOUS, mode);
        assertInstanceOf(ContiguousDeconvolution.class, contiguous.getLayer("up"));
        assertEquals(stock.params(), contiguous.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 2, 3, 3).subi(0.5);
        long side = mode == ConvolutionMode.Same ? 12 : 18;      // 3 -> 6 -> 12, or 3 -> 8 -> 18
        INDArray y = Nd4j.rand(DataType.DOUBLE, 5, 1, side, side);
        SameTraining.assertSameTraining(stock, contiguous, x, y, 1e-15, () -> {
            for (String layer : new String[]{"up", "out"}) {
                assertTrue(((ContiguousDeconvolution) contiguous.getLayer(layer)).lastBackwardReused, layer + " reused its forward pass");
            }
        });
    }

    @Test
    void theConfigurationSurvivesJson() {
        SameTraining.assertSurvivesJson(graph(CONTIGUOUS, ConvolutionMode.Same), "out", ContiguousDeconvolution.class);
    }
}
