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

    /**
     * As {@link #rows}, but NaN marks a missing value (an infinite one is still an error); the observed values pass
     * the likelihood's checks, and a categorical variable is missing whole (all its one-hot columns) or not at all.
     *
     * @return {@code [n, d]} with the NaN kept, in the data's own type (observed values untouched)
     */
    static INDArray rowsWithGaps(VaeArchitecture a, INDArray data, String what, DataType dataType) {
        if (data == null) {
            throw new Gen4jException(what + " is missing");
        }
        INDArray flat = data.rank() == a.dataShape().length + 1 && data.rank() > 2 ? data.reshape('c', data.size(0), a.dataSize()) : data;
        DataChecks.requireMatrixWithGaps(flat, (int) a.dataSize(), what);
        double[][] values = flat.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] probe = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            probe[i] = values[i].clone();
            if (a.likelihood() == Likelihood.CATEGORICAL) {
                probeCategories(probe[i], a.categories(), i, what);
            }
            for (int c = 0; c < probe[i].length; c++) {
                probe[i][c] = Double.isNaN(probe[i][c]) ? 0 : probe[i][c];
            }
        }
        rows(a, org.nd4j.linalg.factory.Nd4j.createFromArray(probe).reshape('c', prepend(values.length, a.dataShape())), what, dataType);
        return flat;
    }

    /** A wholly missing variable becomes its first category in the probe; a partly missing one is an error. */
    private static void probeCategories(double[] row, int[] categories, int i, String what) {
        int start = 0;
        for (int j = 0; j < categories.length; j++) {
            int missing = 0;
            for (int c = start; c < start + categories[j]; c++) {
                missing += Double.isNaN(row[c]) ? 1 : 0;
            }
            if (missing == categories[j]) {
                row[start] = 1;
            } else if (missing > 0) {
                throw new Gen4jException(what + " row " + i + " misses " + missing + " of the " + categories[j]
                        + " one-hot columns of variable " + j + ": a variable is missing whole or not at all");
            }
            start += categories[j];
        }
    }

    private static long[] prepend(long n, long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
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
