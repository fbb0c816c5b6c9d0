package org.gen4j.keras;

import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.Provenance;
import org.gen4j.core.Sampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generator network trained in Keras (a Sequential model saved as HDF5), imported through DL4J and used as a
 * sampler: noise z ~ N(0, I) of the network's input size goes in, samples come out.
 *
 * <pre>{@code
 * KerasGenerator generator = KerasGenerator.load(Path.of("dcgan_generator.h5"));
 * INDArray images = generator.sample(16, 42);       // [16, 28, 28, 1] for a Keras channels-last DCGAN
 * MultiLayerNetwork net = generator.network();      // fine-tune or inspect with DL4J
 * }</pre>
 */
public final class KerasGenerator implements GenerativeModel, Sampler<INDArray> {
    public static final String MODEL_TYPE = "keras-generator";

    private final MultiLayerNetwork network;
    private final int latentSize;
    private final Provenance provenance;

    KerasGenerator(MultiLayerNetwork network, Provenance provenance) {
        Layer first = network.getLayerWiseConfigurations().getConf(0).getLayer();
        if (!(first instanceof FeedForwardLayer feedForward) || feedForward.getNIn() <= 0) {
            throw new Gen4jException("a generator must start with a layer that takes a flat noise vector, but its first"
                    + " layer is " + first.getClass().getSimpleName() + " '" + first.getLayerName() + "'");
        }
        this.network = network;
        this.latentSize = (int) feedForward.getNIn();
        this.provenance = provenance;
    }

    /** Imports a Keras Sequential generator whose first layer takes a flat noise vector (Dense). */
    public static KerasGenerator load(Path h5) {
        MultiLayerNetwork network = importSequential(h5);
        Provenance provenance = Provenance.now("keras import", Map.of("file", h5.getFileName().toString()),
                h5.toString(), List.of());
        try {
            return new KerasGenerator(network, provenance);
        } catch (Gen4jException e) {
            throw new Gen4jException(h5 + ": " + e.getMessage(), e);
        }
    }

    /** A Keras Sequential model (with weights) as a DL4J network: {@link KerasImport#sequential}. */
    public static MultiLayerNetwork importSequential(Path h5) {
        return KerasImport.sequential(h5);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    public int latentSize() {
        return latentSize;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** The network's output for the given noise rows {@code [n, latentSize]}. */
    public INDArray generate(INDArray z) {
        if (z.rank() != 2 || z.columns() != latentSize) {
            throw new Gen4jException("noise must have shape [n, " + latentSize + "], got " + Arrays.toString(z.shape()));
        }
        return network.output(z.castTo(DataType.FLOAT), false);
    }

    /** n samples from standard normal noise drawn with this seed. */
    @Override
    public INDArray sample(int n, long seed) {
        if (n <= 0) {
            throw new Gen4jException("the number of samples must be positive, got " + n);
        }
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        return generate(Nd4j.randn(Nd4j.create(DataType.FLOAT, n, latentSize), random));
    }

    @Override
    public String toString() {
        long[] outputShape = generate(Nd4j.zeros(DataType.FLOAT, 1, latentSize)).shape();
        return String.format(Locale.ROOT, "KerasGenerator(noise %d -> sample %s, %,d parameters, %d layers, from %s)",
                latentSize, Arrays.toString(Arrays.copyOfRange(outputShape, 1, outputShape.length)), network.numParams(),
                network.getnLayers(), provenance.data());
    }

    /** Outputs for noise on the straight line from z0 to z1 in {@code steps} points (both ends included). */
    public INDArray interpolate(INDArray z0, INDArray z1, int steps) {
        if (steps < 2) {
            throw new Gen4jException("an interpolation needs at least 2 steps, got " + steps);
        }
        INDArray line = Nd4j.create(DataType.FLOAT, steps, latentSize);
        for (int s = 0; s < steps; s++) {
            double t = s / (double) (steps - 1);
            line.putRow(s, z0.castTo(DataType.FLOAT).mul(1 - t).addi(z1.castTo(DataType.FLOAT).mul(t)).reshape(latentSize));
        }
        return generate(line);
    }
}
