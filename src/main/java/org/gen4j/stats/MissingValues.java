package org.gen4j.stats;

import org.gen4j.core.Gen4jException;
import org.gen4j.kernels.NativeArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.List;

/**
 * Whether data holds missing values (NaN), found by reading the values from Java through {@link NativeArray}.
 * <pre>{@code
 * if (MissingValues.any(x)) { ... the observed-data path ... }
 * }</pre>
 * A model picks its missing-value path on this answer, so it must never be wrong: ND4J's
 * {@code x.isNaN().any()} once said "NaN" for a NaN-free 40,000 × 3 matrix on a loaded CI machine under
 * collections (EmKernelsGcStressTest, main ab16056), which sent a complete batch down the slower path with other
 * last bits. A plain scan has no temporaries and no threads to get wrong. Also the checks and the mean-filled copy
 * that fits on rows with gaps start from.
 */
public final class MissingValues {
    private static final int CHUNK = 4_096;

    private MissingValues() {
    }

    /** @return whether any value of {@code x} is NaN (integer and boolean arrays hold none) */
    public static boolean any(INDArray x) {
        if (x.isEmpty() || !x.dataType().isFPType()) {
            return false;
        }
        if (!NativeArray.hostMemory()) {
            return BooleanIndexing.or(x, Conditions.isNan());          // device memory: ND4J's own reduction
        }
        INDArray dense = x.dataType() == DataType.DOUBLE || x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.DOUBLE);
        if (!NativeArray.suits(dense) || NativeArray.of(dense).extent() != dense.length()) {
            dense = dense.dup('c');                                    // a view: its own values only, side by side
        }
        NativeArray values = NativeArray.of(dense);
        return values.isFloat() ? anyFloat(values) : anyDouble(values);
    }

    private static boolean anyDouble(NativeArray values) {
        double[] chunk = new double[Math.min(CHUNK, values.extent())];
        for (int from = 0; from < values.extent(); from += chunk.length) {
            int count = Math.min(chunk.length, values.extent() - from);
            values.read(from, chunk, 0, count);
            for (int i = 0; i < count; i++) {
                if (Double.isNaN(chunk[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyFloat(NativeArray values) {
        float[] chunk = new float[Math.min(CHUNK, values.extent())];
        for (int from = 0; from < values.extent(); from += chunk.length) {
            int count = Math.min(chunk.length, values.extent() - from);
            values.read(from, chunk, 0, count);
            for (int i = 0; i < count; i++) {
                if (Float.isNaN(chunk[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The mean of each column's observed values; a column with none, or an infinite value, is an error.
     *
     * @param x       {@code [n][d]}
     * @param columns names for the messages (empty: by index)
     */
    public static double[] observedColumnMeans(double[][] x, List<String> columns) {
        requireNoInfinity(x, columns);
        double[] means = observedColumnMeansOrNaN(x);
        for (int a = 0; a < means.length; a++) {
            if (Double.isNaN(means[a])) {
                throw new Gen4jException(name(columns, a) + " is missing in every row: nothing to learn about it");
            }
        }
        return means;
    }

    /** The mean of each column's observed values, NaN for a column with none (the caller decides what that means). */
    public static double[] observedColumnMeansOrNaN(double[][] x) {
        int d = x.length == 0 ? 0 : x[0].length;
        double[] sums = new double[d];
        int[] counts = new int[d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                if (!Double.isNaN(row[a])) {
                    sums[a] += row[a];
                    counts[a]++;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            sums[a] = counts[a] == 0 ? Double.NaN : sums[a] / counts[a];
        }
        return sums;
    }

    /** NaN marks a missing value; an infinite one is an error. */
    public static void requireNoInfinity(double[][] x, List<String> columns) {
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < x[i].length; a++) {
                if (Double.isInfinite(x[i][a])) {
                    throw new Gen4jException("row " + i + " has the value " + x[i][a] + " in " + name(columns, a));
                }
            }
        }
    }

    /** A copy with every missing value replaced by its column's value in {@code fill}. */
    public static double[][] filled(double[][] x, double[] fill) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int a = 0; a < out[i].length; a++) {
                if (Double.isNaN(out[i][a])) {
                    out[i][a] = fill[a];
                }
            }
        }
        return out;
    }

    private static String name(List<String> columns, int a) {
        return columns.isEmpty() ? "column " + a : "column '" + columns.get(a) + "'";
    }
}
