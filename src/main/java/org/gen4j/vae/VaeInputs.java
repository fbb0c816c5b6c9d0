package org.gen4j.vae;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.DataChecks;
import org.gen4j.nn.ClassLabels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Turns what users pass (flat rows or images, class labels) into what the networks take, with clear errors. */
final class VaeInputs {
    private VaeInputs() {
    }

    /** Data as float32 rows {@code [n, d]}: accepts {@code [n, d]} or, for images, {@code [n, c, h, w]}. */
    static INDArray rows(VaeArchitecture a, INDArray data, String what) {
        if (data == null) {
            throw new Gen4jException(what + " is missing");
        }
        long d = a.dataSize();
        INDArray flat = data;
        if (data.rank() == a.dataShape().length + 1 && data.rank() > 2) {
            long[] shape = data.shape();
            if (!Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), a.dataShape())) {
                throw new Gen4jException(what + " has shape " + Arrays.toString(shape) + ", the model expects [n, "
                        + Arrays.toString(a.dataShape()).replaceAll("[\\[\\]]", "") + "]");
            }
            flat = data.reshape('c', shape[0], d);
        }
        DataChecks.requireFiniteMatrix(flat, (int) d, what);
        INDArray rows = flat.castTo(DataType.FLOAT);
        if (a.likelihood() == Likelihood.BERNOULLI) {
            requireUnitInterval(rows, what);
        }
        return rows;
    }

    private static void requireUnitInterval(INDArray rows, String what) {
        if (rows.minNumber().doubleValue() >= 0 && rows.maxNumber().doubleValue() <= 1) {
            return;
        }
        float[][] values = rows.toFloatMatrix();
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                if (values[i][j] < 0 || values[i][j] > 1) {
                    throw new Gen4jException(what + " has " + values[i][j] + " at row " + i + ", column " + j
                            + ": a Bernoulli VAE needs values in [0, 1] (scale the data, e.g. divide by its maximum, or use --likelihood gaussian)");
                }
            }
        }
    }

    /** One-hot class rows {@code [n, classes]}, or {@code null} for an unconditional model. */
    static INDArray labels(VaeArchitecture a, int[] labels, long n) {
        return ClassLabels.oneHot(labels, a.classes(), n, "VAE");
    }

    static INDArray[] withLabels(INDArray first, INDArray oneHot) {
        return ClassLabels.inputs(first, oneHot);
    }
}
