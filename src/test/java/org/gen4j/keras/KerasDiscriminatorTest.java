package org.gen4j.keras;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KerasDiscriminatorTest {
    static final Path DISCRIMINATOR = Path.of("src/test/resources/keras/dcgan_discriminator.h5");
    static final Path GENERATOR = Path.of("src/test/resources/keras/dcgan_generator.h5");

    @Test
    void importsTheKerasDiscriminatorWithItsKnownAnswer() {
        KerasDiscriminator d = KerasDiscriminator.load(DISCRIMINATOR);
        // untrained Keras weights: zero biases, identity batch norm, so a black image gives logit 0 exactly
        INDArray black = Nd4j.zeros(DataType.FLOAT, 3, 28, 28, 1);
        assertEquals(0.5, d.realProbability(black).getDouble(0), 1e-6);
        INDArray images = Nd4j.rand(DataType.FLOAT, 5, 28, 28, 1);
        INDArray p = d.realProbability(images);
        assertEquals(5, p.length());
        assertTrue(p.minNumber().doubleValue() > 0 && p.maxNumber().doubleValue() < 1);
        assertEquals(p, d.realProbability(images), "dropout is off at inference");
        assertEquals(-Math.log(p.getDouble(2)), d.score(images).getDouble(2), 1e-9);
        assertEquals(p, d.realProbability(images.permute(0, 3, 1, 2).dup('c')), "gen4j's [n, c, h, w] images are accepted too");
        assertTrue(assertThrows(Gen4jException.class, () -> d.realProbability(Nd4j.rand(2, 10))).getMessage().contains("[2, 10]"));
    }

    @Test
    void aGeneratorsSamplesGoStraightIntoTheDiscriminator(@TempDir Path dir) {
        KerasGenerator g = KerasGenerator.load(GENERATOR);
        KerasDiscriminator d = KerasDiscriminator.load(DISCRIMINATOR);
        INDArray scores = d.score(g.sample(4, 1));
        assertEquals(4, scores.length());
        ModelIO.save(d, dir.resolve("d.gen4j"));
        KerasDiscriminator loaded = ModelIO.load(dir.resolve("d.gen4j"), KerasDiscriminator.class);
        assertEquals(scores, loaded.score(g.sample(4, 1)));
    }

    @Test
    void theLayerReportListsEveryLayerAndSaysWhatToDo() {
        List<KerasModelInspector.LayerReport> layers = KerasModelInspector.inspect(DISCRIMINATOR);
        assertEquals(17, layers.size());
        assertEquals("conv2d_1", layers.get(0).name());
        assertEquals("ZeroPadding2D", layers.get(4).type());
        assertTrue(KerasModelInspector.unsupported(layers).isEmpty());
        assertEquals(13, KerasModelInspector.inspect(GENERATOR).size());
        assertTrue(KerasModelInspector.table(layers).contains("batch_normalization_1"));
        assertTrue(KerasModelInspector.advice("sampling", "Lambda").contains("registerLambdaLayer(\"sampling\""));
        assertTrue(KerasModelInspector.advice("gru_1", "GRU").contains("LSTM"));
        assertTrue(KerasModelInspector.advice("z", "Sampling").contains("registerCustomLayer(\"Sampling\""));
        assertThrows(Gen4jException.class, () -> KerasModelInspector.inspect(Path.of("no/such.h5")));
    }
}
