package org.gen4j.gan;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.DataChecks;
import org.gen4j.nn.ClassLabels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Turns what users pass into what a GAN's networks take, with clear errors. */
final class GanInputs {
    private GanInputs() {
    }

    /**
     * Data as the discriminator takes it, in the networks' type: {@code [n, c, h, w]} for a DCGAN, rows {@code [n, d]}
     * for MLP nets.
     *
     * @param channelsLast flatten images as {@code [h, w, c]}, the order a channels-last imported generator draws in
     */
    static INDArray data(GanArchitecture a, INDArray x, String what, boolean channelsLast, DataType dataType) {
        if (x == null) {
            throw new Gen4jException(what + " is missing");
        }
        long d = a.dataSize();
        INDArray rows = x;
        if (x.rank() == 4 && a.images()) {
            if (!Arrays.equals(Arrays.copyOfRange(x.shape(), 1, 4), a.dataShape())) {
                throw new Gen4jException(what + " has shape " + Arrays.toString(x.shape()) + ", the model expects [n, "
                        + Arrays.toString(a.dataShape()).replaceAll("[\\[\\]]", "") + "]");
            }
            // an MLP discriminator of a channels-last generator reads rows in its [h, w, c] order; a convolutional one
            // reads [c, h, w] images (the generator's output is permuted inside the network)
            boolean hwc = channelsLast && a.kind() != GanArchitecture.Kind.DCGAN;
            rows = hwc ? org.gen4j.nn.ImageLayouts.channelsLastRows(x) : x.reshape('c', x.size(0), d);
        }
        DataChecks.requireFiniteMatrix(rows, (int) d, what);
        INDArray floats = rows.castTo(dataType);
        if (a.kind() != GanArchitecture.Kind.DCGAN) {
            return floats;
        }
        long[] s = a.dataShape();
        return floats.reshape('c', floats.size(0), s[0], s[1], s[2]);
    }

    static INDArray labels(GanArchitecture a, int[] labels, long n) {
        return ClassLabels.oneHot(labels, a.classes(), n, "GAN");
    }

    static INDArray[] withLabels(INDArray first, INDArray oneHot) {
        return ClassLabels.inputs(first, oneHot);
    }
}
