package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;

import java.util.List;

/** Rows with missing values (NaN): the checks a fit needs and the mean-filled copy its start uses. */
final class IncompleteRows {
    private IncompleteRows() {
    }

    /**
     * The mean of each column's observed values; a column with none, or an infinite value, is an error.
     *
     * @param x       {@code [n][d]}
     * @param columns names for the messages (empty: by index)
     */
    static double[] observedColumnMeans(double[][] x, List<String> columns) {
        requireNoInfinity(x, columns);
        int d = x.length == 0 ? 0 : x[0].length;
        double[] sums = new double[d];
        int[] counts = new int[d];
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < d; a++) {
                if (!Double.isNaN(x[i][a])) {
                    sums[a] += x[i][a];
                    counts[a]++;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            if (counts[a] == 0) {
                throw new Gen4jException(name(columns, a) + " is missing in every row: nothing to learn about it");
            }
            sums[a] /= counts[a];
        }
        return sums;
    }

    /** NaN marks a missing value; an infinite one is an error. */
    static void requireNoInfinity(double[][] x, List<String> columns) {
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < x[i].length; a++) {
                if (Double.isInfinite(x[i][a])) {
                    throw new Gen4jException("row " + i + " has the value " + x[i][a] + " in " + name(columns, a));
                }
            }
        }
    }

    /** A copy with every missing value replaced by its column's value in {@code fill}. */
    static double[][] filled(double[][] x, double[] fill) {
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
