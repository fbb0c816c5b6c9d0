package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.Arrays;

/** Checks on data handed to a model, with messages that name the offending row and column. */
public final class DataChecks {
    private DataChecks() {
    }

    /**
     * Requires a 2-D matrix of finite values with the expected number of columns.
     *
     * @param x                {@code [n, d]}
     * @param expectedColumns  d, or -1 for any
     * @param what             how to call the data in messages, e.g. "training data"
     */
    public static void requireFiniteMatrix(INDArray x, int expectedColumns, String what) {
        requireMatrix(x, expectedColumns, what);
        if (BooleanIndexing.or(x, Conditions.isNan()) || BooleanIndexing.or(x, Conditions.isInfinite())) {
            throw nonFinite(x, what, false);
        }
    }

    /** As {@link #requireFiniteMatrix}, but NaN marks a missing value; an infinite value is still an error. */
    public static void requireMatrixWithGaps(INDArray x, int expectedColumns, String what) {
        requireMatrix(x, expectedColumns, what);
        if (BooleanIndexing.or(x, Conditions.isInfinite())) {
            throw nonFinite(x, what, true);
        }
    }

    private static void requireMatrix(INDArray x, int expectedColumns, String what) {
        if (x == null) {
            throw new Gen4jException(what + " is missing");
        }
        if (x.rank() != 2) {
            throw new Gen4jException(what + " must be a matrix [n, d], got shape " + Arrays.toString(x.shape()));
        }
        if (x.rows() == 0) {
            throw new Gen4jException(what + " has no rows");
        }
        if (expectedColumns >= 0 && x.columns() != expectedColumns) {
            throw new Gen4jException(what + " has " + x.columns() + " columns, but the model expects " + expectedColumns);
        }
        if (!x.dataType().isFPType()) {
            throw new Gen4jException(what + " must hold floating-point values, got " + x.dataType());
        }
    }

    /** Rare path: find and name the first bad cell. */
    private static Gen4jException nonFinite(INDArray x, String what, boolean missingAllowed) {
        double[][] values = x.toDoubleMatrix();
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                if (missingAllowed ? Double.isInfinite(values[i][j]) : !Double.isFinite(values[i][j])) {
                    return new Gen4jException(what + " has " + values[i][j] + " at row " + i + ", column " + j
                            + " (rows and columns counted from 0)");
                }
            }
        }
        return new Gen4jException(what + " has a non-finite value");
    }
}
