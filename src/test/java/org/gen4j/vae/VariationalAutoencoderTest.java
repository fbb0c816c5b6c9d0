package org.gen4j.vae;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.eval.RocAuc;
import org.gen4j.nn.BernoulliLoss;
import org.gen4j.nn.KlDivergenceLoss;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariationalAutoencoderTest {
    private static final VaeArchitecture MLP = VaeArchitecture.mlp(64).hidden(128).latent(8).build();
    private static VariationalAutoencoder vae;

    @BeforeAll
    static void train() {
        vae = new VaeTrainer(MLP).epochs(20).batchSize(64).seed(7).fit(VaeTestData.train(), VaeTestData.test());
    }

    @Test
    void learnsTheDigits() {
        double[] testElbo = vae.history().testElbo();
        assertEquals(20, testElbo.length);
        assertTrue(testElbo[19] > testElbo[0] + 8, Arrays.toString(testElbo));
        assertTrue(testElbo[19] > -27, "held-out ELBO per digit " + testElbo[19]);
        double[] loss = vae.history().trainLoss();
        assertTrue(loss[19] < loss[0] - 10, Arrays.toString(loss));
    }

    @Test
    void trainingSkipsOnlyTheGradientWithRespectToThePixels() {
        org.deeplearning4j.nn.graph.ComputationGraph graph = VaeNetworks.training(MLP, MLP.newObservationLoss(),
                new org.nd4j.linalg.learning.config.Adam(1e-3), 1, DataType.FLOAT);
        try (org.gen4j.nn.NetworkInputGradients.Skipped skipped = org.gen4j.nn.NetworkInputGradients.skipWhileTraining(graph)) {
            assertEquals(1, skipped.layers(), "the encoder's first layer; the noise input feeds a vertex and keeps its gradient");
        }
    }

    @Test
    void importanceWeightingTightensTheBound() {
        INDArray test = VaeTestData.test();
        assertEquals(vae.elbo(test, 1, 5), vae.logProb(test, 1, 5), "K = 1 is the ELBO");
        double k1 = vae.logProb(test, 1, 5).meanNumber().doubleValue();
        double k16 = vae.logProb(test, 16, 5).meanNumber().doubleValue();
        double k256 = vae.logProb(test, 256, 5).meanNumber().doubleValue();
        assertTrue(k1 < k16 && k16 < k256, k1 + " " + k16 + " " + k256);
        assertTrue(k256 - k16 < k16 - k1, "gains shrink as K grows");
    }

    /** With a one-dimensional latent, log p(x) = log ∫ p(x|z) N(z) dz is a quadrature: the exact answer to bound. */
    @Test
    void boundsMeetTheExactLikelihoodOfAOneDimensionalLatent() {
        VariationalAutoencoder small = new VaeTrainer(VaeArchitecture.mlp(64).hidden(32).latent(1).build())
                .epochs(8).batchSize(64).seed(3).fit(VaeTestData.train());
        INDArray x = VaeTestData.test().get(NDArrayIndex.interval(0, 40), NDArrayIndex.all());
        int points = 4001;
        double step = 16.0 / (points - 1);
        INDArray grid = Nd4j.linspace(-8, 8, points, DataType.FLOAT).reshape(points, 1);
        INDArray raw = small.decoderOutput(grid, null);
        INDArray logPrior = grid.castTo(DataType.DOUBLE).mul(grid.castTo(DataType.DOUBLE)).muli(-0.5).subi(0.5 * Math.log(2 * Math.PI));
        double[] exact = new double[(int) x.rows()];
        for (int i = 0; i < exact.length; i++) {
            INDArray row = x.getRow(i, true).repeat(0, points);
            INDArray logJoint = new BernoulliLoss().logProb(row, raw).castTo(DataType.DOUBLE).reshape(points, 1).addi(logPrior);
            double max = logJoint.maxNumber().doubleValue();
            exact[i] = max + Math.log(Transforms.exp(logJoint.sub(max), false).sumNumber().doubleValue() * step);
        }
        double exactMean = Arrays.stream(exact).average().orElseThrow();
        double iwae = small.logProb(x, 2000, 11).meanNumber().doubleValue();
        double elbo = small.elbo(x, 200, 11).meanNumber().doubleValue();
        assertTrue(elbo < exactMean, elbo + " vs " + exactMean);
        assertTrue(iwae <= exactMean + 0.02 && iwae > exactMean - 0.1, "IWAE " + iwae + " vs exact " + exactMean);
    }

    @Test
    void generatesEncodesAndReconstructs() {
        INDArray test = VaeTestData.test();
        assertEquals(vae.sample(10, 3), vae.sample(10, 3));
        assertNotEquals(vae.sample(10, 3), vae.sample(10, 4));
        assertArrayEquals(new long[]{10, 64}, vae.sample(10, 3).shape());
        INDArray pixels = vae.sampleObservations(10, 3);
        assertEquals(0, pixels.mul(pixels.rsub(1.0)).amaxNumber().doubleValue(), "Bernoulli draws are 0 or 1");
        LatentPosterior q = vae.encode(test);
        assertArrayEquals(new long[]{297, 8}, q.mean().shape());
        // reconstructions beat the best constant guess (the training mean) by far
        double reconstructionError = Transforms.pow(vae.reconstruct(test).sub(test), 2).sumNumber().doubleValue();
        double constantError = Transforms.pow(test.subRowVector(VaeTestData.train().mean(0)), 2).sumNumber().doubleValue();
        assertTrue(reconstructionError < 0.6 * constantError, reconstructionError + " vs " + constantError);
        INDArray path = vae.interpolate(test.getRow(0), test.getRow(1), 5);
        assertArrayEquals(new long[]{5, 64}, path.shape());
        assertEquals(vae.reconstruct(test.getRow(0, true)), path.getRow(0, true));
        assertEquals(vae.reconstruct(test.getRow(1, true)).castTo(DataType.DOUBLE), path.getRow(4, true).castTo(DataType.DOUBLE));
    }

    @Test
    void convolutionalVaeOnImages() {
        VaeArchitecture conv = VaeArchitecture.conv(1, 8, 8).channels(8, 16).hidden(64).latent(8).build();
        INDArray images = VaeTestData.train().reshape(VaeTestData.TRAIN_ROWS, 1, 8, 8);
        VariationalAutoencoder model = new VaeTrainer(conv).epochs(4).batchSize(64).seed(5)
                .fit(images, VaeTestData.test().reshape(297, 1, 8, 8));
        double[] elbo = model.history().testElbo();
        assertTrue(elbo[3] > elbo[0] + 5, Arrays.toString(elbo));
        assertArrayEquals(new long[]{4, 1, 8, 8}, model.sample(4, 1).shape());
        assertEquals(model.logProb(VaeTestData.test()), model.logProb(VaeTestData.test().reshape(297, 1, 8, 8)),
                "flat rows and images are the same data");
    }

    @Test
    void savesAndResumesExactly(@TempDir Path dir) {
        VaeTrainer twoEpochs = new VaeTrainer(MLP).epochs(2).batchSize(100).seed(9);
        VariationalAutoencoder straight = new VaeTrainer(MLP).epochs(4).batchSize(100).seed(9).fit(VaeTestData.train());
        VariationalAutoencoder half = twoEpochs.fit(VaeTestData.train());
        ModelIO.save(half, dir.resolve("half.gen4j"));
        VariationalAutoencoder loaded = (VariationalAutoencoder) ModelIO.load(dir.resolve("half.gen4j"));
        assertEquals(half.network().getUpdater().getStateViewArray(), loaded.network().getUpdater().getStateViewArray());
        VariationalAutoencoder resumed = twoEpochs.continueTraining(loaded, VaeTestData.train(), null, null, null);
        assertEquals(straight.network().params(), resumed.network().params());
        assertArrayEquals(straight.history().trainLoss(), resumed.history().trainLoss());
        assertEquals(4, resumed.history().epochs());
        assertEquals(2, loaded.history().epochs(), "continuing does not change the loaded model");
    }

    @Test
    void conditionalVaeDrawsTheAskedDigit() {
        VaeArchitecture cvae = VaeArchitecture.mlp(64).hidden(128).latent(4).classes(10).build();
        VariationalAutoencoder model = new VaeTrainer(cvae).epochs(30).batchSize(64).seed(2)
                .fit(VaeTestData.train(), VaeTestData.trainLabels(), VaeTestData.test(), VaeTestData.testLabels());
        INDArray centroids = Nd4j.create(DataType.DOUBLE, 10, 64);
        int[] labels = VaeTestData.trainLabels();
        INDArray train = VaeTestData.train().castTo(DataType.DOUBLE);
        for (int c = 0; c < 10; c++) {
            final int digit = c;
            int[] rows = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == digit).toArray();
            centroids.putRow(c, train.getRows(rows).mean(0));
        }
        int correct = 0;
        for (int c = 0; c < 10; c++) {
            INDArray samples = model.sample(20, 100 + c, c).castTo(DataType.DOUBLE);
            for (int i = 0; i < 20; i++) {
                INDArray distances = centroids.subRowVector(samples.getRow(i)).norm2(1);
                correct += Nd4j.argMin(distances).getInt(0) == c ? 1 : 0;
            }
        }
        assertTrue(correct >= 170, correct + " of 200 samples look like their class");
        assertThrows(Gen4jException.class, () -> model.sample(5, 1));
        assertThrows(Gen4jException.class, () -> model.encode(VaeTestData.test()));
    }

    @Test
    void scoresAnUnseenDigitAsAnomalous() {
        int[] labels = VaeTestData.trainLabels();
        int[] normal = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] != 0).toArray();
        VariationalAutoencoder model = new VaeTrainer(VaeArchitecture.mlp(64).hidden(128).latent(4).build())
                .epochs(20).batchSize(64).seed(4).fit(VaeTestData.train().getRows(normal));
        boolean[] isZero = new boolean[297];
        int[] testLabels = VaeTestData.testLabels();
        for (int i = 0; i < isZero.length; i++) {
            isZero[i] = testLabels[i] == 0;
        }
        double aucLikelihood = RocAuc.of(model.score(VaeTestData.test()), isZero);
        double aucReconstruction = RocAuc.of(model.reconstructionScorer(16).score(VaeTestData.test()), isZero);
        assertTrue(aucLikelihood > 0.85, "ROC-AUC of -log p(x) " + aucLikelihood);
        assertTrue(aucReconstruction > 0.85, "ROC-AUC of the reconstruction probability " + aucReconstruction);
    }

    @Test
    void gaussianLikelihoodsOnContinuousData() {
        INDArray iris = org.gen4j.data.Datasets.load("iris").features();
        INDArray standard = iris.subRowVector(iris.mean(0)).diviRowVector(iris.std(0));
        for (Likelihood likelihood : new Likelihood[]{Likelihood.GAUSSIAN, Likelihood.GAUSSIAN_FIXED}) {
            VaeArchitecture a = VaeArchitecture.mlp(4).hidden(32).latent(2).likelihood(likelihood).variance(0.05).build();
            VariationalAutoencoder model = new VaeTrainer(a).epochs(150).batchSize(32).seed(1).fit(standard, standard);
            double[] elbo = model.history().testElbo();
            assertTrue(elbo[149] > elbo[0] + 1, likelihood + " " + elbo[0] + " -> " + elbo[149]);
            double data = model.logProb(standard).meanNumber().doubleValue();
            double noise = model.logProb(Nd4j.rand(DataType.DOUBLE, 150, 4).muli(6).subi(3)).meanNumber().doubleValue();
            assertTrue(data > noise + 2, likelihood + ": data " + data + " vs noise " + noise);
        }
    }

    @Test
    void betaAboveOneSpendsLessOnTheLatentCode() {
        VariationalAutoencoder strong = new VaeTrainer(MLP).epochs(8).batchSize(64).seed(7).beta(4).fit(VaeTestData.train());
        VariationalAutoencoder plain = new VaeTrainer(MLP).epochs(8).batchSize(64).seed(7).fit(VaeTestData.train());
        assertTrue(meanKl(strong) < 0.7 * meanKl(plain), meanKl(strong) + " vs " + meanKl(plain));
        VaeTrainer warm = new VaeTrainer(MLP).beta(2).warmupEpochs(4);
        assertEquals(0.5, warm.betaAt(0));
        assertEquals(1.5, warm.betaAt(2));
        assertEquals(2.0, warm.betaAt(3));
        assertEquals(2.0, warm.betaAt(10));
    }

    private static double meanKl(VariationalAutoencoder model) {
        LatentPosterior q = model.encode(VaeTestData.test());
        INDArray parameters = Nd4j.hstack(q.mean(), Transforms.log(q.variance(), true));
        return KlDivergenceLoss.perSample(parameters).meanNumber().doubleValue();
    }

    @Test
    void trainsFromADl4jIteratorAndCallsListeners() {
        java.util.List<org.nd4j.linalg.dataset.DataSet> batches = new java.util.ArrayList<>();
        for (int start = 0; start < 1500; start += 100) {
            INDArray rows = VaeTestData.train().get(NDArrayIndex.interval(start, start + 100), NDArrayIndex.all());
            batches.add(new org.nd4j.linalg.dataset.DataSet(rows, rows));
        }
        int[] counts = new int[2];
        org.deeplearning4j.optimize.api.BaseTrainingListener counter = new org.deeplearning4j.optimize.api.BaseTrainingListener() {
            @Override
            public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
                counts[0]++;
            }

            @Override
            public void onEpochEnd(org.deeplearning4j.nn.api.Model model) {
                counts[1]++;
            }
        };
        VariationalAutoencoder model = new VaeTrainer(MLP).epochs(3).seed(1).listeners(counter)
                .fit(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(batches, 1), VaeTestData.test());
        assertEquals(45, counts[0], "15 batches x 3 epochs");
        assertEquals(3, counts[1]);
        assertEquals(45, model.history().iterations());
        assertTrue(model.history().testElbo()[2] > model.history().testElbo()[0]);
    }

    @Test
    void trainsFromAMultiDataSetIteratorWithClasses() {
        java.util.List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new java.util.ArrayList<>();
        INDArray oneHot = org.gen4j.nn.ClassLabels.oneHot(VaeTestData.trainLabels(), 10, 1500, "test");
        for (int start = 0; start < 1500; start += 100) {
            INDArray rows = VaeTestData.train().get(NDArrayIndex.interval(start, start + 100), NDArrayIndex.all());
            INDArray classes = oneHot.get(NDArrayIndex.interval(start, start + 100), NDArrayIndex.all());
            batches.add(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[]{rows, classes}, new INDArray[0]));
        }
        VaeArchitecture cvae = VaeArchitecture.mlp(64).hidden(64).latent(4).classes(10).build();
        VariationalAutoencoder model = new VaeTrainer(cvae).epochs(2).seed(1)
                .fit(new ListMultiDataSetIterator(batches), null);
        assertEquals(2, model.history().epochs());
        assertEquals(30, model.history().iterations());
        assertArrayEquals(new long[]{3, 64}, model.sample(3, 1, 7).shape());
        Gen4jException once = assertThrows(Gen4jException.class, () -> new VaeTrainer(cvae).epochs(2)
                .fit(new org.deeplearning4j.datasets.iterator.IteratorMultiDataSetIterator(batches.iterator(), 100), null));
        assertTrue(once.getMessage().contains("cannot be reset"), once.getMessage());
    }

    /** A resettable iterator over a list of MultiDataSets. */
    private static final class ListMultiDataSetIterator implements org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator {
        private final java.util.List<org.nd4j.linalg.dataset.api.MultiDataSet> items;
        private int next;

        ListMultiDataSetIterator(java.util.List<org.nd4j.linalg.dataset.api.MultiDataSet> items) {
            this.items = items;
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) {
            return next();
        }

        @Override
        public void setPreProcessor(org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor preProcessor) {
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            next = 0;
        }

        @Override
        public boolean hasNext() {
            return next < items.size();
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSet next() {
            return items.get(next++);
        }
    }

    @Test
    void badInputIsNamed() {
        INDArray x = VaeTestData.test().dup();
        x.putScalar(3, 5, 7.0);
        Gen4jException range = assertThrows(Gen4jException.class, () -> vae.logProb(x));
        assertTrue(range.getMessage().contains("row 3, column 5") && range.getMessage().contains("[0, 1]"), range.getMessage());
        x.putScalar(3, 5, Double.NaN);
        assertTrue(assertThrows(Gen4jException.class, () -> vae.encode(x)).getMessage().contains("NaN at row 3"));
        assertTrue(assertThrows(Gen4jException.class, () -> vae.encode(Nd4j.rand(4, 10))).getMessage().contains("10 columns"));
        assertTrue(assertThrows(Gen4jException.class, () -> vae.decode(Nd4j.rand(4, 3))).getMessage().contains("[n, 8]"));
        assertTrue(assertThrows(Gen4jException.class, () -> vae.encode(VaeTestData.test(), new int[297])).getMessage().contains("not conditional"));
        assertThrows(Gen4jException.class, () -> vae.sample(0, 1));
        assertThrows(Gen4jException.class, () -> new VaeTrainer(MLP).learningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> VaeArchitecture.conv(1, 6, 6).channels(8, 8).build());
    }
}
