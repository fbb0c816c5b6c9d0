package org.gen4j.gan;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.core.Provenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanTest {
    private static final GanArchitecture RING_GAN = GanArchitecture.mlp(2).latent(8).generatorHidden(128, 128)
            .discriminatorHidden(128, 128).outputActivation("identity").build();
    private static INDArray ring;
    private static Gan trained;

    /** Points drawn uniformly from [-half, half]², from their own seed (not ND4J's generator, whose state depends on the tests run before). */
    static INDArray uniformSquare(int n, double half, long seed) {
        INDArray x = Nd4j.create(DataType.FLOAT, n, 2);
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            x.putScalar(i, 0, half * (2 * random.nextDouble() - 1));
            x.putScalar(i, 1, half * (2 * random.nextDouble() - 1));
        }
        return x;
    }

    @BeforeAll
    static void train() {
        ring = org.gen4j.testing.Ring.points(2000, 1);
        trained = new GanTrainer(RING_GAN).epochs(40).batchSize(100).learningRates(2e-3, 2e-3).emaDecay(0.99).seed(1).fit(ring);
    }

    @Test
    void coversEveryModeOfTheRing() {
        double[] shares = org.gen4j.testing.Ring.modeShares(trained.sample(2000, 3));
        for (int k = 0; k < 8; k++) {
            assertTrue(shares[k] > 0.03, "mode " + k + " gets " + shares[k] + ": " + Arrays.toString(shares));
        }
        assertTrue(shares[8] < 0.5, "most samples sit on a mode: " + Arrays.toString(shares));
    }

    @Test
    void discriminatorAndGeneratorStepsTouchOnlyTheirOwnNet() {
        Gan gan = Gan.untrained(RING_GAN, new Adam(1e-2), new Adam(1e-2), 5, false, Provenance.handMade("test"),
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        ComputationGraph combined = gan.combinedGraph(), discriminator = gan.discriminatorGraph(), generator = gan.generatorGraph();
        INDArray g0 = generator.params().dup(), d0 = discriminator.params().dup();
        discriminator.fit(new MultiDataSet(new INDArray[]{ring.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64))},
                new INDArray[]{Nd4j.ones(DataType.FLOAT, 64, 1)}));
        assertEquals(g0, generator.params(), "a discriminator step leaves the generator alone");
        assertNotEquals(d0, discriminator.params());
        assertEquals(discriminator.getLayer("dOut").params(), combined.getLayer("dOut").params(),
                "the combined graph sees the discriminator's update without a copy");
        INDArray d1 = discriminator.params().dup();
        combined.fit(new MultiDataSet(new INDArray[]{Nd4j.randn(DataType.FLOAT, 64, 8)}, new INDArray[]{Nd4j.ones(DataType.FLOAT, 64, 1)}));
        assertEquals(d1, discriminator.params(), "a generator step leaves the discriminator alone");
        assertNotEquals(g0, generator.params());
    }

    @Test
    void wassersteinCriticStaysClipped() {
        Gan wgan = new GanTrainer(GanArchitecture.mlp(2).latent(8).generatorHidden(64).discriminatorHidden(64).outputActivation("identity")
                .objective(GanArchitecture.Objective.WASSERSTEIN).build())
                .epochs(3).batchSize(100).learningRates(5e-4, 5e-4).nCritic(5).clip(0.02).seed(2).fit(ring);
        assertTrue(wgan.discriminatorNetwork().params().amaxNumber().doubleValue() <= 0.02 + 1e-7);
        assertEquals(3, wgan.history().epochs());
        assertTrue(Double.isFinite(wgan.history().generatorLoss()[2]));
    }

    @Test
    void savesLoadsAndResumesExactly(@TempDir Path dir) {
        GanTrainer two = new GanTrainer(RING_GAN).epochs(2).batchSize(100).seed(4).emaDecay(0.9);
        Gan straight = new GanTrainer(RING_GAN).epochs(4).batchSize(100).seed(4).emaDecay(0.9).fit(ring);
        Gan half = two.fit(ring);
        ModelIO.save(half, dir.resolve("gan.gen4j"));
        Gan loaded = ModelIO.load(dir.resolve("gan.gen4j"), Gan.class);
        assertEquals(half.sample(10, 1), loaded.sample(10, 1));
        assertEquals(half.score(ring), loaded.score(ring));
        Gan resumed = two.continueTraining(loaded, ring, null);
        assertEquals(straight.network().params(), resumed.network().params());
        assertEquals(straight.averagedGeneratorWeights(), resumed.averagedGeneratorWeights());
        assertArrayEquals(straight.history().generatorLoss(), resumed.history().generatorLoss());
        assertEquals(2, loaded.history().epochs(), "continuing does not change the loaded model");
        assertNotEquals(straight.generatorNetwork().params(), straight.averagedGeneratorWeights(), "the average is its own");
    }

    @Test
    void usesOfATrainedGan() {
        assertEquals(trained.sample(5, 9), trained.sample(5, 9));
        assertArrayEquals(new long[]{7, 2}, trained.interpolate(trained.noise(1, 1), trained.noise(1, 2), 7).shape());
        // the discriminator finds points far off the ring stranger than points on it
        INDArray far = Nd4j.rand(DataType.FLOAT, 200, 2).muli(0.5);    // near the centre, where no data is
        assertTrue(trained.score(far).meanNumber().doubleValue() > trained.score(ring).meanNumber().doubleValue());
        assertArrayEquals(new long[]{2000, 128}, trained.features(ring).shape());
        assertTrue(trained.toString().contains("G ") && trained.toString().contains("D "));
    }

    @Test
    void latentInversionFindsTheGeneratorsOwnSamplesAndFlagsPointsOffTheRing() {
        INDArray before = trained.generatorNetwork().params().dup();
        // its own samples (drawn from the weight average it samples with) are reached almost exactly
        INDArray own = trained.sample(50, 21);
        LatentInversion.Result mine = trained.invert(own, 300, 3);
        assertArrayEquals(new long[]{50, 8}, mine.latent().shape());
        // gradient descent from a random code can stop in a local minimum for a few rows (which rows depends on the
        // float rounding of training), so the bound is on the typical row and on the share of rows reached
        double[] errors = mine.error().toDoubleVector();
        java.util.Arrays.sort(errors);
        assertTrue(errors[errors.length / 2] < 1e-3, "own samples, median error: " + errors[errors.length / 2]);
        assertTrue(errors[errors.length * 9 / 10 - 1] < 1e-2, "own samples, 90th percentile: " + Arrays.toString(errors));
        INDArray diff = trained.generate(mine.latent()).castTo(DataType.DOUBLE).sub(own.castTo(DataType.DOUBLE));
        assertEquals(0, diff.mul(diff).mean(1).sub(mine.error()).amaxNumber().doubleValue(), 1e-6, "the error is that of the codes found");
        // points of the ring reconstruct better than points inside it (AnoGAN's anomaly score)
        INDArray normal = org.gen4j.testing.Ring.points(100, 9);
        INDArray inside = uniformSquare(100, 0.5, 17);
        double[] scores = Nd4j.concat(0, trained.inversionError(normal), trained.inversionError(inside)).toDoubleVector();
        boolean[] anomalous = new boolean[200];
        java.util.Arrays.fill(anomalous, 100, 200, true);
        double auc = org.gen4j.eval.RocAuc.of(scores, anomalous);
        // measured 0.88-0.94 over six draws of the inside points and two float roundings of training (the products
        // split or not between threads); a few ring points stay in a local minimum of the inversion
        assertTrue(auc > 0.85, "ROC-AUC " + auc);
        assertEquals(before, trained.generatorNetwork().params(), "inversion leaves the generator as it was");
        Gan dcgan = new GanTrainer(GanArchitecture.dcgan(1, 8, 8).latent(4).build()).epochs(1).batchSize(64)
                .fit(org.gen4j.data.ImageDataset.load("digits").head(64).images());
        Gen4jException batchNorm = assertThrows(Gen4jException.class, () -> dcgan.inversionError(dcgan.sample(2, 1)));
        assertTrue(batchNorm.getMessage().contains("batch normalization"), batchNorm.getMessage());
    }

    @Test
    void eachTrainingStepSkipsOnlyTheGradientsWithRespectToItsOwnInputs() {
        for (GanArchitecture a : new GanArchitecture[]{RING_GAN, GanArchitecture.dcgan(1, 8, 8).latent(4).build()}) {
            org.deeplearning4j.nn.graph.ComputationGraph combined = GanNetworks.combined(a, new Adam(1e-3), 1);
            org.deeplearning4j.nn.graph.ComputationGraph discriminator = GanNetworks.discriminator(a, new Adam(1e-3), combined);
            // the generator's first layer, and the discriminator's first layer in its own graph; inside the combined
            // graph the discriminator's first layer passes its gradient on to the generator
            try (var g = org.gen4j.nn.NetworkInputGradients.skipWhileTraining(combined);
                 var d = org.gen4j.nn.NetworkInputGradients.skipWhileTraining(discriminator)) {
                assertEquals(1, g.layers(), a.toString());
                assertEquals(1, d.layers(), a.toString());
            }
        }
    }

    @Test
    void badInputIsNamed() {
        assertTrue(assertThrows(Gen4jException.class, () -> trained.score(Nd4j.rand(4, 3))).getMessage().contains("3 columns"));
        assertTrue(assertThrows(Gen4jException.class, () -> trained.generate(Nd4j.rand(4, 3))).getMessage().contains("[n, 8]"));
        assertTrue(assertThrows(Gen4jException.class, () -> trained.sample(3, 1, 2)).getMessage().contains("not conditional"));
        INDArray nan = ring.dup();
        nan.putScalar(7, 1, Double.NaN);
        assertTrue(assertThrows(Gen4jException.class, () -> new GanTrainer(RING_GAN).epochs(1).fit(nan)).getMessage().contains("row 7"));
        assertThrows(IllegalArgumentException.class, () -> GanArchitecture.dcgan(1, 6, 6).channels(8, 8).build());
        assertThrows(Gen4jException.class, () -> new GanTrainer(RING_GAN).labelSmoothing(0.3));
    }
}
