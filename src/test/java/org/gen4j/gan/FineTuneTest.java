package org.gen4j.gan;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.ImageDataset;
import org.gen4j.keras.KerasGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Keras generator fine-tuned as the generator of a GAN with a new discriminator. */
class FineTuneTest {
    private static final Path KERAS = Path.of("src/test/resources/keras/dcgan_generator.h5");

    @Test
    void aKerasGeneratorTrainsAgainstANewDiscriminator(@TempDir Path dir) {
        KerasGenerator keras = KerasGenerator.load(KERAS);
        INDArray mnist = ImageDataset.load("mnist").head(256).images();
        GanArchitecture a = GanArchitecture.mlpOnImages(1, 28, 28).latent(100).discriminatorHidden(64).outputActivation("tanh").build();
        Gan gan = new GanTrainer(a).epochs(1).batchSize(64).seed(1).fineTune(keras.network(), mnist);
        // it started from the Keras weights and training moved them
        INDArray before = keras.network().params();
        assertEquals(before.length(), gan.generatorNetwork().numParams());
        assertNotEquals(before, gan.generatorNetwork().params().reshape(before.shape()));
        assertArrayEquals(new long[]{3, 1, 28, 28}, gan.sample(3, 1).shape(), "channels-last samples come back as [n, c, h, w]");
        assertTrue(gan.importedGenerator().channelsLast());
        assertEquals(256, gan.score(mnist).length());
        ModelIO.save(gan, dir.resolve("tuned.gen4j"));
        Gan loaded = ModelIO.load(dir.resolve("tuned.gen4j"), Gan.class);
        assertEquals(gan.sample(4, 2), loaded.sample(4, 2));
    }

    @Test
    void aKerasGeneratorTrainsAgainstAConvolutionalDiscriminator() {
        KerasGenerator keras = KerasGenerator.load(KERAS);
        INDArray mnist = ImageDataset.load("mnist").head(128).images().mul(2).subi(1);    // the generator draws in [-1, 1]
        GanArchitecture dcgan = GanArchitecture.dcgan(1, 28, 28).latent(100).outputActivation("tanh").build();
        Gan gan = new GanTrainer(dcgan).epochs(1).batchSize(64).seed(2).fineTune(keras.network(), mnist);
        INDArray before = keras.network().params();
        assertNotEquals(before, gan.generatorNetwork().params().reshape(before.shape()));

        // the combined network judges the generator's channels-last images as the discriminator judges them turned
        // channels-first: the two share the discriminator's weights and see the same pixels. (64 rows: Keras's
        // Reshape, imported, keeps the batch size the combined network was last fitted with.)
        INDArray z = gan.noise(64, 3);
        INDArray drawn = gan.generatorNetwork().outputSingle(z);                            // [64, 28, 28, 1]
        assertArrayEquals(new long[]{64, 28, 28, 1}, drawn.shape());
        INDArray combined = gan.network().outputSingle(z);
        INDArray direct = gan.discriminatorNetwork().outputSingle(drawn.permute(0, 3, 1, 2).dup('c'));
        assertEquals(0, combined.sub(direct).amaxNumber().doubleValue(), 1e-5);
        assertArrayEquals(new long[]{5, 1, 28, 28}, gan.sample(5, 3).shape());
        assertEquals(128, gan.score(mnist).length());
    }

    @Test
    void mismatchedShapesAreCaughtWhenTheGanIsBuilt() {
        KerasGenerator keras = KerasGenerator.load(KERAS);
        INDArray digits = ImageDataset.load("digits").images();
        GanArchitecture eightByEight = GanArchitecture.mlpOnImages(1, 8, 8).latent(100).build();
        Gen4jException e = assertThrows(Gen4jException.class, () -> new GanTrainer(eightByEight).epochs(1).fineTune(keras.network(), digits));
        assertTrue(e.getMessage().contains("[28, 28, 1]") && e.getMessage().contains("[1, 8, 8]"), e.getMessage());
        GanArchitecture wrongLatent = GanArchitecture.mlpOnImages(1, 28, 28).latent(32).build();
        assertTrue(assertThrows(Gen4jException.class, () -> new GanTrainer(wrongLatent).fineTune(keras.network(), digits))
                .getMessage().contains("latent(100)"));
    }
}
