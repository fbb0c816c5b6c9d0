package org.gen4j.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianSampleVertexTest {
    private static final int LATENT = 3;

    /** exp(x / 2) as a DL4J activation, to build the reparameterised sample from DL4J's own five vertices. */
    private static final class HalfExp extends BaseActivationFunction {
        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return Transforms.exp(in.muli(0.5), false);
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            return Pair.of(Transforms.exp(in.muli(0.5), false).muli(0.5).muli(epsilon), null);
        }
    }

    private static ComputationGraph graph(DataType type, boolean oneVertex) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(11).dataType(type)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("x", "eps")
                .setInputTypes(InputType.feedForward(4), InputType.feedForward(LATENT))
                .addLayer("params", new DenseLayer.Builder().nOut(2 * LATENT).activation(Activation.TANH).build(), "x");
        if (oneVertex) {
            g.addVertex("z", new GaussianSampleVertex(LATENT), "params", "eps");
        } else {
            g.addVertex("mu", new SubsetVertex(0, LATENT - 1), "params")
                    .addVertex("lv", new SubsetVertex(LATENT, 2 * LATENT - 1), "params")
                    .addLayer("sigma", new ActivationLayer.Builder().activation(new HalfExp()).build(), "lv")
                    .addVertex("noise", new ElementWiseVertex(ElementWiseVertex.Op.Product), "sigma", "eps")
                    .addVertex("z", new ElementWiseVertex(ElementWiseVertex.Op.Add), "mu", "noise");
        }
        g.addLayer("out", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "z")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "out")
                .setOutputs("loss");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    @Test
    void trainsAsDl4jsFiveVerticesDo() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            ComputationGraph ours = graph(type, true), stock = graph(type, false);
            assertEquals(stock.params(), ours.params());
            INDArray x = Nd4j.randn(type, 10, 4), eps = Nd4j.randn(type, 10, LATENT), y = Nd4j.randn(type, 10, 2);
            MultiDataSet batch = new MultiDataSet(new INDArray[]{x, eps}, new INDArray[]{y});
            double tolerance = type == DataType.DOUBLE ? 1e-13 : 1e-5;
            assertEquals(0.0, stock.outputSingle(x, eps).sub(ours.outputSingle(x, eps)).amaxNumber().doubleValue(), tolerance);
            for (int step = 0; step < 5; step++) {
                stock.fit(batch);
                ours.fit(batch);
                assertEquals(stock.score(), ours.score(), tolerance * Math.max(1, stock.score()));
            }
            assertEquals(0.0, stock.params().sub(ours.params()).amaxNumber().doubleValue(), 10 * tolerance, type.toString());
        }
    }

    @Test
    void itsTwoPathsAgreeAndMatchTheFormula() {
        INDArray parameters = Nd4j.randn(DataType.DOUBLE, 5, 2 * LATENT), noise = Nd4j.randn(DataType.DOUBLE, 5, LATENT);
        INDArray dz = Nd4j.randn(DataType.DOUBLE, 5, LATENT);
        INDArray mu = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, LATENT));
        INDArray sigma = Transforms.exp(parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(LATENT, 2 * LATENT)).mul(0.5));
        INDArray expectedZ = mu.add(sigma.mul(noise));
        INDArray expectedParameterGradient = Nd4j.concat(1, dz, dz.mul(noise).mul(sigma).mul(0.5));
        // row-major arrays take the plain-Java path, column-major ones ND4J's
        for (char order : new char[]{'c', 'f'}) {
            GraphVertex vertex = new GaussianSampleVertex(LATENT).instantiate(null, "z", 0, null, false, DataType.DOUBLE);
            vertex.setInputs(parameters.dup(order), noise.dup(order));
            INDArray z = vertex.doForward(true, LayerWorkspaceMgr.noWorkspaces());
            vertex.setEpsilon(dz.dup(order));
            INDArray[] gradients = vertex.doBackward(false, LayerWorkspaceMgr.noWorkspaces()).getSecond();
            assertEquals(0.0, z.sub(expectedZ).amaxNumber().doubleValue(), 1e-14, "order " + order);
            assertEquals(0.0, gradients[0].sub(expectedParameterGradient).amaxNumber().doubleValue(), 1e-14, "order " + order);
            assertEquals(0.0, gradients[1].sub(dz.mul(sigma)).amaxNumber().doubleValue(), 1e-14, "order " + order);
        }
    }

    @Test
    void wrongShapesAreNamed() {
        GraphVertex vertex = new GaussianSampleVertex(LATENT).instantiate(null, "z", 0, null, false, DataType.DOUBLE);
        vertex.setInputs(Nd4j.zeros(DataType.DOUBLE, 4, 5), Nd4j.zeros(DataType.DOUBLE, 4, LATENT));
        String message = assertThrows(IllegalStateException.class, () -> vertex.doForward(true, LayerWorkspaceMgr.noWorkspaces())).getMessage();
        assertTrue(message.contains("[b, 6]") && message.contains("[4, 5]"), message);
        assertThrows(IllegalArgumentException.class, () -> new GaussianSampleVertex(0));
        assertThrows(org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException.class,
                () -> new GaussianSampleVertex(LATENT).getOutputType(0, InputType.feedForward(6), InputType.feedForward(2)));
    }

    @Test
    void theConfigurationSurvivesJson() {
        ComputationGraphConfiguration conf = graph(DataType.FLOAT, true).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        ComputationGraph restored = new ComputationGraph(back);
        restored.init();
        assertInstanceOf(GaussianSample.class, restored.getVertex("z"));
        Map<String, org.deeplearning4j.nn.conf.graph.GraphVertex> vertices = back.getVertices();
        assertEquals(new GaussianSampleVertex(LATENT), vertices.get("z"));
    }
}
