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

class PreOutputCachingDeconvolution2DTest {
    private static final Function<Deconvolution2D.Builder, Layer> STOCK = Deconvolution2D.Builder::build;
    private static final Function<Deconvolution2D.Builder, Layer> CACHING = PreOutputCachingDeconvolution2D::new;

    private static ComputationGraph graph(Function<Deconvolution2D.Builder, Layer> kind) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("x").setInputTypes(InputType.convolutional(3, 3, 2))
                .addLayer("up", kind.apply(new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(3).activation(Activation.RELU)), "x")
                .addLayer("out", kind.apply(new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(1).activation(Activation.SIGMOID)), "up")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "out")
                .setOutputs("loss").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void gradientsScoresAndTrainingEqualDl4jsDeconvolution() {
        ComputationGraph stock = graph(STOCK);
        ComputationGraph caching = graph(CACHING);
        assertInstanceOf(PreOutputCachingDeconvolution.class, caching.getLayer("up"));
        assertEquals(stock.params(), caching.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 2, 3, 3).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 5, 1, 12, 12);
        SameTraining.assertSameTraining(stock, caching, x, y, 1e-15, () -> {
            for (String layer : new String[]{"up", "out"}) {
                assertTrue(((PreOutputCachingDeconvolution) caching.getLayer(layer)).lastBackwardReused, layer + " reused its forward pass");
            }
        });
    }

    @Test
    void theConfigurationSurvivesJson() {
        ComputationGraphConfiguration conf = graph(CACHING).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        ComputationGraph restored = new ComputationGraph(back);
        restored.init();
        assertInstanceOf(PreOutputCachingDeconvolution.class, restored.getLayer("out"));
    }
}
