package org.gen4j.vae;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.DataChecks;
import org.gen4j.data.OneHotTable;
import org.gen4j.nn.ClassLabels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Turns what users pass (flat rows or images, class labels) into what the networks take, with clear errors. */
final class VaeInputs {
    private VaeInputs() {
    }

    /** Data as rows {@code [n, d]} of the network's type: accepts {@code [n, d]} or, for images, {@code [n, c, h, w]}. */
    static INDArray rows(VaeArchitecture a, INDArray data, String what, DataType dataType) {
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
        INDArray rows = flat.castTo(dataType);
        if (a.likelihood() == Likelihood.BERNOULLI) {
            requireUnitInterval(rows, what);
        }
        if (a.likelihood() == Likelihood.CATEGORICAL) {
            requireOneHot(rows, a.categories(), what);
        }
        return rows;
    }

    /** Each column block must hold exactly one 1 (encode tables with {@link OneHotTable}). */
    private static void requireOneHot(INDArray rows, int[] categories, String what) {
        if (isOneHot(rows, categories)) {
            return;                                        // the usual case, checked with whole-array ops
        }
        float[][] values = rows.toFloatMatrix();           // rare path: find and name the first bad cell
        for (int i = 0; i < values.length; i++) {
            int start = 0;
            for (int j = 0; j < categories.length; j++) {
                float sum = 0;
                for (int c = start; c < start + categories[j]; c++) {
                    if (values[i][c] != 0 && values[i][c] != 1) {
                        throw new Gen4jException(what + " has " + values[i][c] + " at row " + i + ", column " + c
                                + ": a categorical VAE takes one-hot columns (encode the table with OneHotTable)");
                    }
                    sum += values[i][c];
                }
                if (sum != 1) {
                    throw new Gen4jException(what + " row " + i + " has " + (int) sum + " categories set in column block " + j
                            + " (one expected; encode the table with OneHotTable)");
                }
                start += categories[j];
            }
        }
    }

    private static boolean isOneHot(INDArray rows, int[] categories) {
        if (rows.mul(rows.rsub(1.0)).amaxNumber().doubleValue() != 0) {
            return false;                                  // some value other than 0 or 1
        }
        int start = 0;
        for (int k : categories) {
            INDArray sums = rows.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + k)).sum(1);
            if (sums.minNumber().doubleValue() != 1 || sums.maxNumber().doubleValue() != 1) {
                return false;
            }
            start += k;
        }
        return true;
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
