package org.gen4j.nn;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.kernels.DirectBlas;
import org.gen4j.kernels.ProductSharing;
import org.gen4j.kernels.SharedWork;
import org.gen4j.nn.SharedProducts;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SharedProductsTest {
    /** A graph of gen4j dense layers (and, with {@code dl4jOutput}, DL4J's own output layer, which multiplies itself). */
    private static ComputationGraph graph(boolean dl4jOutput) {
        var g = LayerStacks.graph(5, new Adam(1e-3), org.deeplearning4j.nn.weights.WeightInit.XAVIER, DataType.FLOAT)
                .addInputs("x").setInputTypes(InputType.feedForward(6))
                .addLayer("h", LayerStacks.denseLayer(9, Activation.RELU), "x");
        if (dl4jOutput) {
            g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.IDENTITY).build(), "h");
        } else {
            g.addLayer("y", LayerStacks.denseLayer(3, Activation.IDENTITY), "h")
                    .addLayer("out", new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "y");
        }
        ComputationGraph graph = new ComputationGraph(g.setOutputs("out").build());
        graph.init();
        return graph;
    }

    private static INDArray product(INDArray a, boolean ta, INDArray b, boolean tb) {
        INDArray out = Nd4j.create(a.dataType(), new long[]{ta ? a.columns() : a.rows(), tb ? b.rows() : b.columns()}, 'f');
        assertTrue(DirectBlas.gemm(a, ta, b, tb, out));
        return out;
    }

    @Test
    void sharedProductsEqualOneCallInEveryLayout() {
        assumeTrue(SharedWork.threads() > 1, "one thread: nothing to share");
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 2e-4 : 1e-11;
            INDArray a = Nd4j.rand(type, 150, 300).dup('f'), b = Nd4j.rand(type, 300, 203).dup('f');
            INDArray big = Nd4j.rand(type, 320, 230).dup('f');
            INDArray block = big.get(NDArrayIndex.interval(7, 307), NDArrayIndex.interval(5, 208));      // leading dimension 320
            INDArray[][] cases = {{a, b}, {a.transpose().dup('f'), b}, {a, b.transpose().dup('f')}, {a, block}};
            boolean[][] flags = {{false, false}, {true, false}, {false, true}, {false, false}};
            for (int c = 0; c < cases.length; c++) {
                INDArray alone = product(cases[c][0], flags[c][0], cases[c][1], flags[c][1]), shared;
                try (SharedProducts.Scope scope = SharedProducts.whileTraining(graph(false))) {
                    assertTrue(scope.sharing());
                    assertTrue(ProductSharing.active());
                    shared = product(cases[c][0], flags[c][0], cases[c][1], flags[c][1]);
                }
                assertEquals(0.0, shared.sub(alone).amaxNumber().doubleValue(), tolerance, type + " case " + c);
            }
        }
    }

    @Test
    void openBlasGetsItsThreadsBackWhenTheLastScopeCloses() {
        assumeTrue(SharedWork.threads() > 1, "one thread: nothing to share");
        int before = Nd4j.factory().blas().getMaxThreads();
        try (SharedProducts.Scope outer = SharedProducts.whileTraining(graph(false))) {
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
            try (SharedProducts.Scope inner = SharedProducts.whileTraining(graph(false))) {
                assertTrue(inner.sharing());
            }
            assertTrue(ProductSharing.active(), "the outer scope still shares");
            outer.close();
            outer.close();                                                  // a second close is harmless
            assertFalse(ProductSharing.active());
        }
        assertEquals(before, Nd4j.factory().blas().getMaxThreads());
    }

    @Test
    void onlyTheThreadThatOpenedAScopeShares() throws Exception {
        assumeTrue(SharedWork.threads() > 1, "one thread: nothing to share");
        try (SharedProducts.Scope scope = SharedProducts.whileTraining(graph(false))) {
            assertTrue(ProductSharing.active());
            assertFalse(java.util.concurrent.CompletableFuture.supplyAsync(ProductSharing::active).get());
        }
        assertFalse(ProductSharing.active());
    }

    @Test
    void aGraphWithALayerThatMultipliesThroughDl4jIsNotShared() {
        int before = Nd4j.factory().blas().getMaxThreads();
        try (SharedProducts.Scope scope = SharedProducts.whileTraining(graph(false), graph(true))) {
            assertFalse(scope.sharing());
            assertFalse(ProductSharing.active());
            assertEquals(before, Nd4j.factory().blas().getMaxThreads());
        }
    }
}
