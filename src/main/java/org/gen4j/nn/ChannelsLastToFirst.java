package org.gen4j.nn;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.gen4j.core.Gen4jException;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Turns channels-last images {@code [n, h, w, c]} (what Keras networks draw) into the channels-first
 * {@code [n, c, h, w]} that gen4j's convolution layers read, and gradients back: it joins an imported Keras generator
 * to a convolutional discriminator.
 */
public final class ChannelsLastToFirst implements InputPreProcessor {
    private final long height;
    private final long width;
    private final long channels;

    public ChannelsLastToFirst(@JsonProperty("height") long height, @JsonProperty("width") long width,
                               @JsonProperty("channels") long channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    @JsonProperty("height")
    public long height() {
        return height;
    }

    @JsonProperty("width")
    public long width() {
        return width;
    }

    @JsonProperty("channels")
    public long channels() {
        return channels;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        require(input, height, width, channels, "[n, h, w, c]");
        return workspaces.dup(ArrayType.ACTIVATIONS, input.permute(0, 3, 1, 2), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        require(output, channels, height, width, "[n, c, h, w]");
        return workspaces.dup(ArrayType.ACTIVATION_GRAD, output.permute(0, 2, 3, 1), 'c');
    }

    private static void require(INDArray a, long d1, long d2, long d3, String layout) {
        if (a.rank() != 4 || a.size(1) != d1 || a.size(2) != d2 || a.size(3) != d3) {
            throw new Gen4jException("expected images " + layout + " = [n, " + d1 + ", " + d2 + ", " + d3 + "], got "
                    + java.util.Arrays.toString(a.shape()));
        }
    }

    @Override
    public InputPreProcessor clone() {
        return new ChannelsLastToFirst(height, width, channels);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.convolutional(height, width, channels);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelsLastToFirst p && p.height == height && p.width == width && p.channels == channels;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(height, width, channels);
    }
}
