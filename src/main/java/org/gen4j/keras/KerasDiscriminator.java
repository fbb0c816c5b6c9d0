package org.gen4j.keras;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.AnomalyScorer;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.Provenance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A GAN discriminator trained in Keras (Sequential, one sigmoid output: the probability that an input is real),
 * imported through DL4J and used as an anomaly scorer.
 *
 * <pre>{@code
 * KerasDiscriminator d = KerasDiscriminator.load(Path.of("dcgan_discriminator.h5"));
 * INDArray p = d.realProbability(images);      // [n]; images [n, c, h, w] or as the Keras model takes them [n, h, w, c]
 * INDArray oddness = d.score(images);          // -log p(real), higher = less like the training data
 * }</pre>
 */
public final class KerasDiscriminator implements GenerativeModel, AnomalyScorer<INDArray> {
    public static final String MODEL_TYPE = "keras-discriminator";
    private static final double SMALLEST_PROBABILITY = 1e-12;

    private final MultiLayerNetwork network;
    private final Provenance provenance;

    KerasDiscriminator(MultiLayerNetwork network, Provenance provenance) {
        long outputs = network.layerSize(network.getnLayers() - 1);
        if (outputs != 1) {
            throw new Gen4jException("a discriminator has one output (the probability of real), but this network has " + outputs);
        }
        this.network = network;
        this.provenance = provenance;
    }

    public static KerasDiscriminator load(Path h5) {
        MultiLayerNetwork network = KerasGenerator.importSequential(h5);
        try {
            return new KerasDiscriminator(network, Provenance.now("keras import", Map.of("file", h5.getFileName().toString(),
                    "role", "discriminator"), h5.toString(), List.of()));
        } catch (Gen4jException e) {
            throw new Gen4jException(h5 + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** The discriminator's probability that each input is real, {@code [n]}, float64. */
    public INDArray realProbability(INDArray x) {
        if (x == null || x.rank() < 2 || x.size(0) == 0) {
            throw new Gen4jException("discriminator input must be a batch of samples, got " + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        INDArray out;
        try {
            out = network.output(channelsAsNetworkWants(x).castTo(DataType.FLOAT), false);
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new Gen4jException("input of shape " + Arrays.toString(x.shape()) + " does not fit this discriminator (" + reason + ")", e);
        }
        return out.reshape(x.size(0)).castTo(DataType.DOUBLE);
    }

    /** gen4j images are {@code [n, c, h, w]}; a channels-last Keras network gets them as {@code [n, h, w, c]}. */
    private INDArray channelsAsNetworkWants(INDArray x) {
        if (x.rank() == 4 && network.getLayerWiseConfigurations().getConf(0).getLayer()
                instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer conv
                && conv.getCnn2dDataFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC
                && x.size(3) != conv.getNIn() && x.size(1) == conv.getNIn()) {
            return x.permute(0, 2, 3, 1).dup('c');
        }
        return x;
    }

    /** {@code -log p(real)} per input: higher = more anomalous. */
    @Override
    public INDArray score(INDArray x) {
        return Transforms.log(Transforms.max(realProbability(x), SMALLEST_PROBABILITY, false), false).negi();
    }

    @Override
    public String toString() {
        return "KerasDiscriminator(" + network.getnLayers() + " layers, " + network.numParams() + " parameters, from "
                + provenance.data() + ")";
    }
}
