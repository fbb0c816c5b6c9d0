package org.gen4j.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

import java.util.function.UnaryOperator;

/**
 * The one factory of network layers: the layer stacks VAE encoders and GAN discriminators share (stride-2
 * convolutions that halve an image per layer and end in a flat vector, runs of dense layers) and single dense,
 * convolution, upsampling and batch-normalisation layers, each gen4j's fast implementation. {@code wrap} lets a
 * caller freeze the layers it adds. An architecture built from these gets every speed-up without naming one.
 */
public final class LayerStacks {
    private LayerStacks() {
    }

    /** A graph builder with gen4j's network defaults: float32, Xavier initialisation, "same" convolutions. */
    public static GraphBuilder graph(long seed, org.nd4j.linalg.learning.config.IUpdater updater) {
        return graph(seed, updater, org.deeplearning4j.nn.weights.WeightInit.XAVIER);
    }

    /** As {@link #graph(long, org.nd4j.linalg.learning.config.IUpdater)} with another weight initialisation. */
    public static GraphBuilder graph(long seed, org.nd4j.linalg.learning.config.IUpdater updater,
                                     org.deeplearning4j.nn.weights.WeightInit weightInit) {
        return graph(seed, updater, weightInit, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** ... and another data type for parameters and activations (see {@link NetworkDataTypes}). */
    public static GraphBuilder graph(long seed, org.nd4j.linalg.learning.config.IUpdater updater,
                                     org.deeplearning4j.nn.weights.WeightInit weightInit, org.nd4j.linalg.api.buffer.DataType dataType) {
        org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder b = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(seed).dataType(dataType)
                .weightInit(weightInit)
                .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                .cacheMode(org.deeplearning4j.nn.conf.CacheMode.DEVICE);
        if (updater != null) {
            b.updater(FusedAdam.inPlaceOf(updater));
        }
        return b.graphBuilder();
    }

    /** Joins the one-hot class input {@code label} to {@code input} for a conditional model; returns what to build on. */
    public static String withLabel(GraphBuilder g, boolean conditional, String input, String label, String name) {
        if (!conditional) {
            return input;
        }
        g.addVertex(name, new org.deeplearning4j.nn.conf.graph.MergeVertex(), input, label);
        return name;
    }

    /**
     * Adds {@code prefix + "Conv" + i} for each entry of {@code channels} and a flattening vertex {@code prefix + "Flat"}.
     *
     * @param imageShape {@code [c, h, w]} of the input
     * @return the name of the flattening vertex
     */
    public static String downsampling(GraphBuilder g, String input, String prefix, long[] imageShape, int[] channels, int kernel,
                                      IActivation activation, UnaryOperator<Layer> wrap) {
        String previous = input;
        for (int i = 0; i < channels.length; i++) {
            String name = prefix + "Conv" + i;
            ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(kernel, kernel).stride(2, 2).nOut(channels[i]).activation(activation);
            g.addLayer(name, wrap.apply(new ContiguousIm2colConvolutionLayer(conv)), previous);
            previous = name;
        }
        long scale = 1L << channels.length;
        String flat = prefix + "Flat";
        g.addVertex(flat, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(imageShape[1] / scale, imageShape[2] / scale,
                channels[channels.length - 1])), previous);
        return flat;
    }

    /** Adds dense layers {@code prefix + i} of the given widths; returns the last name (or {@code input} for none). */
    public static String dense(GraphBuilder g, String input, String prefix, int[] widths, IActivation activation, UnaryOperator<Layer> wrap) {
        String previous = input;
        for (int i = 0; i < widths.length; i++) {
            String name = prefix + i;
            g.addLayer(name, wrap.apply(denseLayer(widths[i], activation)), previous);
            previous = name;
        }
        return previous;
    }

    /** A DL4J dense layer whose backward pass reuses its forward products (see {@link PreOutputCachingDenseLayer}). */
    public static Layer denseLayer(long nOut, IActivation activation) {
        return PreOutputCachingDenseLayer.of(new DenseLayer.Builder().nOut(nOut).activation(activation).build());
    }

    public static Layer denseLayer(long nOut, Activation activation) {
        return denseLayer(nOut, activation.getActivationFunction());
    }

    /** A transposed convolution that doubles an image (4x4 kernel, stride 2) on gen4j's contiguous im2col path. */
    public static Layer upsamplingLayer(long nOut, Activation activation) {
        return new ContiguousDeconvolution2D(new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(nOut).activation(activation));
    }

    /** A size-keeping convolution (stride 1) on gen4j's contiguous im2col path. */
    public static Layer convolutionLayer(int kernel, long nOut, Activation activation) {
        return new ContiguousIm2colConvolutionLayer(new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).nOut(nOut)
                .activation(activation));
    }

    /** Batch normalisation followed by {@code activation} in the same pass (IDENTITY: none). */
    public static Layer batchNormLayer(Activation activation) {
        return ActivatedBatchNormalization.of(new BatchNormalization.Builder().activation(activation).build());
    }
}
