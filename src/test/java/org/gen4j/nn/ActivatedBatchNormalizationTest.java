package org.gen4j.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivatedBatchNormalizationTest {

    /** conv → batch norm → ReLU → conv → loss; DL4J's ReLU as its own layer, ours inside the normalisation layer. */
    private static ComputationGraph images(boolean ours, boolean logStd) {
        BatchNormalization norm = new BatchNormalization.Builder().useLogStd(logStd).decay(0.8)
                .activation(ours ? Activation.RELU : Activation.IDENTITY).build();
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE).updater(new Adam(1e-2));
        ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder()
                .addInputs("x").setInputTypes(InputType.convolutional(6, 6, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(), "x")
                .addLayer("norm", ours ? ActivatedBatchNormalization.of(norm) : norm, "conv");
        String last = "norm";
        if (!ours) {
            g.addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "norm");
            last = "relu";
        }
        g.addLayer("out", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.SIGMOID).build(), last)
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "out")
                .setOutputs("loss");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static ComputationGraph rows(boolean ours) {
        BatchNormalization norm = new BatchNormalization.Builder().build();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).graphBuilder()
                .addInputs("x").setInputTypes(InputType.feedForward(3))
                .addLayer("dense", new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build(), "x")
                .addLayer("norm", ours ? ActivatedBatchNormalization.of(norm) : norm, "dense")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.TANH).build(), "norm")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void imagesTrainAsDl4jsBatchNormFollowedByTheActivation(boolean logStd) {
        ComputationGraph stock = images(false, logStd);
        ComputationGraph ours = images(true, logStd);
        assertInstanceOf(ActivatedBatchNorm.class, ours.getLayer("norm"));
        assertEquals(stock.params(), ours.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 7, 2, 6, 6).muli(3).addi(1);     // far from zero mean and unit variance
        INDArray y = Nd4j.rand(DataType.DOUBLE, 7, 1, 4, 4);
        // the running mean and spread are parameters too: equal after the 5 steps means they moved as in DL4J
        SameTraining.assertSameTraining(stock, ours, x, y, 1e-12, () -> { });
        INDArray test = Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 6);
        // 1e-11: the running spread is kept as log10 σ, which ours and DL4J's turn back into σ² in other orders
        assertEquals(0.0, stock.outputSingle(false, test).sub(ours.outputSingle(false, test)).amaxNumber().doubleValue(), 1e-10,
                "inference with the running estimates");
    }

    @Test
    void rowsTrainAsDl4jsBatchNorm() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 9, 3).muli(4).subi(1);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 9, 2);
        SameTraining.assertSameTraining(rows(false), rows(true), x, y, 1e-12, () -> { });
    }

    @Test
    void anUnsetActivationMeansNone() {
        assertInstanceOf(org.nd4j.linalg.activations.impl.ActivationIdentity.class,
                ActivatedBatchNormalization.of(new BatchNormalization.Builder().build()).getActivationFn());
    }

    @Test
    void theActivationIsApplied() {
        ComputationGraph ours = images(true, true);
        INDArray normalized = ours.feedForward(Nd4j.rand(DataType.DOUBLE, 4, 2, 6, 6).subi(0.5), true).get("norm");
        assertTrue(normalized.minNumber().doubleValue() >= 0, "ReLU after the normalisation");
    }

    @Test
    void aBackwardPassAfterAnInferencePassIsTheFixedAffineMap() {
        ComputationGraph ours = rows(true);
        ours.initGradientsView();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 3);
        org.deeplearning4j.nn.api.Layer norm = ours.getLayer("norm");
        INDArray z = ours.feedForward(x, false).get("dense");
        norm.setInput(z, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        norm.activate(false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 6, 5);
        INDArray gradient = norm.backpropGradient(epsilon, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond();
        INDArray gamma = norm.getParam("gamma");
        INDArray std = org.nd4j.linalg.ops.transforms.Transforms.sqrt(
                org.nd4j.linalg.ops.transforms.Transforms.exp(norm.getParam("log10stdev").mul(2 * Math.log(10)), true).addi(1e-5), false);
        INDArray expected = epsilon.mulRowVector(gamma.div(std));
        assertEquals(0.0, gradient.sub(expected).amaxNumber().doubleValue(), 1e-12);
    }

    @Test
    void theConfigurationSurvivesJson() {
        SameTraining.assertSurvivesJson(images(true, true), "norm", ActivatedBatchNorm.class);
    }
}
