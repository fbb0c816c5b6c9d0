package org.gen4j.keras;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.ImageDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VAE from a Keras decoder (the real DCGAN generator file: z(100) -> [28, 28, 1] in [-1, 1], read as the mean of a
 * Gaussian) and an encoder. No Keras VAE encoder file could be found (see src/test/resources/keras/README.md), so
 * the encoders here are DL4J networks of the shape a Keras {@code Dense(2 * latent)} head imports to; the encoder
 * file path itself is the same Keras import the other roles test with real files.
 */
class KerasVaeTest {
    private static final Path DECODER = Path.of("src/test/resources/keras/dcgan_generator.h5");
    private static final Path DISCRIMINATOR = Path.of("src/test/resources/keras/dcgan_discriminator.h5");
    private static final int LATENT = 100;
    private static final INDArray IMAGES = ImageDataset.load("mnist").head(6).images().mul(2).subi(1);   // [-1, 1]

    /** Dense(784 -> 2 * latent) with the given weights scale and bias (means, then log-variances). */
    private static MultiLayerNetwork encoder(double weightScale, INDArray bias) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(2 * LATENT).activation(Activation.IDENTITY).build()).build());
        net.init();
        net.getLayer(0).getParam("W").muli(weightScale);
        net.getLayer(0).getParam("b").assign(bias);
        return net;
    }

    @Test
    void withAPosteriorEqualToThePriorTheElboIsTheReconstructionTerm() {
        // zero weights and biases: q(z|x) = N(0, I) = p(z), so every importance weight is p(x|z) alone
        KerasVae vae = KerasVae.of(encoder(0, Nd4j.zeros(DataType.FLOAT, 2 * LATENT)), KerasGenerator.importSequential(DECODER),
                KerasVae.Output.GAUSSIAN, 0.1);
        assertArrayEquals(new long[]{1, 28, 28}, vae.dataShape());
        assertEquals(LATENT, vae.latentSize());
        INDArray elbo = vae.elbo(IMAGES, 8, 5);
        assertEquals(0, elbo.sub(vae.reconstructionLogProb(IMAGES, 8, 5)).amaxNumber().doubleValue(), 1e-9);
        assertEquals(0, vae.encode(IMAGES).mean().amaxNumber().doubleValue(), 0);
        assertEquals(1, vae.encode(IMAGES).variance().meanNumber().doubleValue(), 1e-6);
    }

    @Test
    void aNearlyCertainPosteriorScoresTheDecodedImageByTheGaussianDensity() {
        // means z0, log-variances -40: every draw is z0 to 1e-8, so log p(x|z) is the Gaussian log-density of x
        // around the Keras network's image for z0, computed here by hand
        INDArray z0 = Nd4j.linspace(-1, 1, LATENT, DataType.FLOAT);
        INDArray bias = Nd4j.concat(0, z0, Nd4j.valueArrayOf(new long[]{LATENT}, -40f, DataType.FLOAT));
        MultiLayerNetwork decoder = KerasGenerator.importSequential(DECODER);
        KerasVae vae = KerasVae.of(encoder(0, bias), decoder, KerasVae.Output.GAUSSIAN, 0.25);
        INDArray mean = decoder.output(z0.reshape(1, LATENT), false).reshape(1, 784);             // [h, w, c] order
        INDArray x = IMAGES.get(NDArrayIndex.interval(0, 3));
        INDArray rows = x.permute(0, 2, 3, 1).dup('c').reshape(3, 784);
        INDArray expected = rows.subRowVector(mean).castTo(DataType.DOUBLE);
        expected = expected.mul(expected).sum(1).divi(0.25).addi(784 * Math.log(2 * Math.PI * 0.25)).muli(-0.5);
        assertEquals(0, vae.reconstructionLogProb(x, 4, 1).sub(expected).amaxNumber().doubleValue(), 1e-2);
        assertEquals(0, vae.reconstruct(x).get(NDArrayIndex.point(0)).reshape(784)
                .sub(decoder.output(z0.reshape(1, LATENT), false).permute(0, 3, 1, 2).dup('c').reshape(784)).amaxNumber().doubleValue(), 1e-5);
    }

    @Test
    void importanceWeightingTightensTheBoundAndTheModelSavesWhole(@TempDir Path dir) {
        KerasVae vae = KerasVae.of(encoder(0.01, Nd4j.zeros(DataType.FLOAT, 2 * LATENT)), KerasGenerator.importSequential(DECODER),
                KerasVae.Output.GAUSSIAN, 0.5);
        double one = vae.logProb(IMAGES, 1, 9).meanNumber().doubleValue();
        double many = vae.logProb(IMAGES, 16, 9).meanNumber().doubleValue();
        assertTrue(many > one, "K=16 " + many + " vs K=1 " + one);
        assertEquals(0, vae.logProb(IMAGES, 1, 9).sub(vae.elbo(IMAGES, 1, 9)).amaxNumber().doubleValue(), 1e-9);
        assertArrayEquals(new long[]{6, 1, 28, 28}, vae.sample(6, 2).shape());
        assertEquals(2, vae.score(IMAGES.get(NDArrayIndex.interval(0, 2))).length());

        ModelIO.save(vae, dir.resolve("vae.gen4j"));
        KerasVae loaded = ModelIO.load(dir.resolve("vae.gen4j"), KerasVae.class);
        assertEquals(vae.logProb(IMAGES, 4, 1), loaded.logProb(IMAGES, 4, 1));
        assertEquals(vae.sample(3, 4), loaded.sample(3, 4));
    }

    @Test
    void anEncoderWithTwoOutputsEqualsOneWithBothSideBySide(@TempDir Path dir) {
        // Keras's VAE example saved without its sampling layer: two heads, z_mean and z_log_var
        MultiLayerNetwork sideBySide = encoder(0.01, Nd4j.linspace(-1, 1, 2 * LATENT, DataType.FLOAT));
        INDArray w = sideBySide.getLayer(0).getParam("W"), b = sideBySide.getLayer(0).getParam("b");
        org.deeplearning4j.nn.graph.ComputationGraph heads = new org.deeplearning4j.nn.graph.ComputationGraph(
                new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder().addInputs("x")
                        .addLayer("z_mean", new DenseLayer.Builder().nIn(784).nOut(LATENT).activation(Activation.IDENTITY).build(), "x")
                        .addLayer("z_log_var", new DenseLayer.Builder().nIn(784).nOut(LATENT).activation(Activation.IDENTITY).build(), "x")
                        .setOutputs("z_mean", "z_log_var").build());
        heads.init();
        heads.getLayer("z_mean").getParam("W").assign(w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, LATENT)));
        heads.getLayer("z_mean").getParam("b").assign(b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, LATENT)));
        heads.getLayer("z_log_var").getParam("W").assign(w.get(NDArrayIndex.all(), NDArrayIndex.interval(LATENT, 2 * LATENT)));
        heads.getLayer("z_log_var").getParam("b").assign(b.get(NDArrayIndex.all(), NDArrayIndex.interval(LATENT, 2 * LATENT)));
        MultiLayerNetwork decoder = KerasGenerator.importSequential(DECODER);
        KerasVae one = KerasVae.of(sideBySide, decoder, KerasVae.Output.GAUSSIAN, 0.5);
        KerasVae two = KerasVae.of(heads, decoder, KerasVae.Output.GAUSSIAN, 0.5);
        assertEquals(0, one.encode(IMAGES).variance().sub(two.encode(IMAGES).variance()).amaxNumber().doubleValue(), 1e-5);
        assertEquals(0, one.logProb(IMAGES, 4, 3).sub(two.logProb(IMAGES, 4, 3)).amaxNumber().doubleValue(), 1e-3);
        ModelIO.save(two, dir.resolve("two.gen4j"));
        assertEquals(two.logProb(IMAGES, 4, 3), ModelIO.load(dir.resolve("two.gen4j"), KerasVae.class).logProb(IMAGES, 4, 3));
    }

    @Test
    void partsThatDoNotFitAreNamed() {
        // the real Keras discriminator gives one value per image, not 200 means and log-variances
        Gen4jException notAnEncoder = assertThrows(Gen4jException.class,
                () -> KerasVae.load(DISCRIMINATOR, DECODER, KerasVae.Output.GAUSSIAN, 0.1));
        assertTrue(notAnEncoder.getMessage().contains("[n, 200]") && notAnEncoder.getMessage().contains("[1, 1]"), notAnEncoder.getMessage());
        KerasVae vae = KerasVae.of(encoder(0, Nd4j.zeros(DataType.FLOAT, 2 * LATENT)), KerasGenerator.importSequential(DECODER),
                KerasVae.Output.BERNOULLI, 0);
        Gen4jException range = assertThrows(Gen4jException.class, () -> vae.logProb(IMAGES));
        assertTrue(range.getMessage().contains("[0, 1]"), range.getMessage());
        Gen4jException shape = assertThrows(Gen4jException.class, () -> vae.encode(ImageDataset.load("digits").images()));
        assertTrue(shape.getMessage().contains("[n, 1, 28, 28]"), shape.getMessage());
        assertThrows(Gen4jException.class, () -> KerasVae.of(encoder(0, Nd4j.zeros(DataType.FLOAT, 2 * LATENT)),
                KerasGenerator.importSequential(DECODER), KerasVae.Output.GAUSSIAN, 0));
    }
}
