package org.gen4j.keras;

import org.gen4j.core.NpyArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The imported Keras networks against an independent forward pass: plain numpy over the weights h5py reads
 * ({@code src/test/resources/keras/reference/forward.py}, outputs committed beside it), for fixed inputs.
 * Keras computes in float32, the reference in float64: agreement to float32 rounding over a dozen layers.
 */
class KerasReferenceTest {
    private static final Path REFERENCE = Path.of("src/test/resources/keras/reference");

    private static INDArray npy(String name) throws IOException {
        return NpyArrays.read(Files.readAllBytes(REFERENCE.resolve(name)));
    }

    @Test
    void theGeneratorMatchesTheNumpyForwardPass() throws IOException {
        KerasGenerator generator = KerasGenerator.load(KerasDiscriminatorTest.GENERATOR);
        INDArray expected = npy("generator_images.npy");                              // [3, 28, 28, 1], channels last
        INDArray images = generator.generate(npy("generator_z.npy")).castTo(DataType.DOUBLE);
        INDArray channelsLast = images.size(1) == 1 ? images.permute(0, 2, 3, 1) : images;
        assertArrayEquals(expected.shape(), channelsLast.shape());
        double worst = channelsLast.sub(expected).amaxNumber().doubleValue();
        assertTrue(worst < 1e-5, "largest difference from the numpy reference " + worst);
    }

    @Test
    void theDiscriminatorMatchesTheNumpyForwardPass() throws IOException {
        KerasDiscriminator discriminator = KerasDiscriminator.load(KerasDiscriminatorTest.DISCRIMINATOR);
        INDArray x = npy("discriminator_x.npy").permute(0, 3, 1, 2).dup('c');      // gen4j images are [n, c, h, w]
        INDArray expected = npy("discriminator_probabilities.npy").reshape(5);
        INDArray probabilities = discriminator.realProbability(x);
        double worst = probabilities.sub(expected).amaxNumber().doubleValue();
        assertTrue(worst < 1e-6, "largest difference from the numpy reference " + worst);
    }
}
