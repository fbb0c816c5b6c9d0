package org.gen4j.keras;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KerasGeneratorTest {
    private static final Path GENERATOR = Path.of("src/test/resources/keras/dcgan_generator.h5");

    @Test
    void importsTheKerasDcganGeneratorWithItsWeights() {
        KerasGenerator generator = KerasGenerator.load(GENERATOR);
        assertEquals(100, generator.latentSize());
        // Keras' own initial values, not DL4J's: Glorot-uniform kernel within sqrt(6 / (100 + 6272)), zero bias,
        // identity batch normalisation
        INDArray dense = generator.network().getLayer(0).getParam("W");
        assertArrayEquals(new long[] {100, 6272}, dense.shape());
        double limit = Math.sqrt(6.0 / (100 + 6272));
        assertTrue(dense.amaxNumber().doubleValue() <= limit + 1e-7, "max |W| " + dense.amaxNumber());
        assertTrue(dense.amaxNumber().doubleValue() > 0.9 * limit, "max |W| " + dense.amaxNumber());
        assertEquals(0.0, generator.network().getLayer(0).getParam("b").amaxNumber().doubleValue());
        assertEquals(1.0, generator.network().getLayer(1).getParam("gamma").minNumber().doubleValue());
        assertEquals(1.0, generator.network().getLayer(1).getParam("var").maxNumber().doubleValue());
    }

    @Test
    void samplesAreImagesInTheTanhRangeAndRepeatWithTheSeed() {
        KerasGenerator generator = KerasGenerator.load(GENERATOR);
        INDArray images = generator.sample(4, 42);
        assertArrayEquals(new long[] {4, 28, 28, 1}, images.shape());
        assertTrue(images.amaxNumber().doubleValue() <= 1.0);
        assertTrue(images.stdNumber().doubleValue() > 0, "the generator's output is not constant");
        assertEquals(images, generator.sample(4, 42));
        assertNotEquals(images, generator.sample(4, 43));
    }

    @Test
    void interpolationRunsFromTheFirstNoiseToTheSecond() {
        KerasGenerator generator = KerasGenerator.load(GENERATOR);
        INDArray z = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 100);
        INDArray path = generator.interpolate(z.getRow(0), z.getRow(1), 5);
        assertEquals(5, path.size(0));
        INDArray ends = generator.generate(z);
        assertTrue(path.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).equalsWithEps(ends.slice(0), 1e-5));
        assertTrue(path.get(org.nd4j.linalg.indexing.NDArrayIndex.point(4)).equalsWithEps(ends.slice(1), 1e-5));
    }

    @Test
    void badFilesAndNoiseAreClearErrors() {
        Gen4jException missing = assertThrows(Gen4jException.class, () -> KerasGenerator.load(Path.of("no/such.h5")));
        assertTrue(missing.getMessage().contains("no/such.h5"), missing.getMessage());
        Path notHdf5 = Path.of("datasets/faithful.csv");
        Gen4jException corrupt = assertThrows(Gen4jException.class, () -> KerasGenerator.load(notHdf5));
        assertTrue(corrupt.getMessage().startsWith(notHdf5.toString()), corrupt.getMessage());
        KerasGenerator generator = KerasGenerator.load(GENERATOR);
        Gen4jException shape = assertThrows(Gen4jException.class, () -> generator.generate(Nd4j.zeros(3, 7)));
        assertTrue(shape.getMessage().contains("[n, 100]"), shape.getMessage());
    }
}
