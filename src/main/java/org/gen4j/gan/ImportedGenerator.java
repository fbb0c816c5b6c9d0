package org.gen4j.gan;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * A generator network made elsewhere (a Keras import) to fine-tune inside a gen4j GAN: its layer configurations,
 * its latent size, and whether its images come channels-last ({@code [n, h, w, c]}, as Keras makes them).
 *
 * @param configuration the network's DL4J configuration (layers with their sizes set)
 * @param latentSize    the width of its noise input
 * @param channelsLast  whether its output images are {@code [n, h, w, c]}
 */
public record ImportedGenerator(MultiLayerConfiguration configuration, int latentSize, boolean channelsLast) {

    /**
     * Checks that {@code network} draws data of {@code dataShape} ({@code [c, h, w]} or {@code [d]}) and says how.
     *
     * @throws Gen4jException naming both shapes when the generator's output does not fit the discriminator's input
     */
    public static ImportedGenerator of(MultiLayerNetwork network, long[] dataShape) {
        long latent = network.layerInputSize(0);
        INDArray probe = network.output(Nd4j.zeros(DataType.FLOAT, 1, latent), false);
        long[] out = Arrays.copyOfRange(probe.shape(), 1, probe.rank());
        boolean channelsLast;
        if (Arrays.equals(out, dataShape)) {
            channelsLast = false;
        } else if (dataShape.length == 3 && Arrays.equals(out, new long[]{dataShape[1], dataShape[2], dataShape[0]})) {
            channelsLast = true;
        } else {
            throw new Gen4jException("the generator's output " + Arrays.toString(out) + " does not fit the discriminator's input "
                    + Arrays.toString(dataShape) + " (the data's shape, [channels, height, width] for images)");
        }
        return new ImportedGenerator(network.getLayerWiseConfigurations(), (int) latent, channelsLast);
    }
}
