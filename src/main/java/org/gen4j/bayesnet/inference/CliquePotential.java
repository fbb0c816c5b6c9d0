package org.gen4j.bayesnet.inference;

/**
 * A table over a set of variables in plain Java arrays, row-major with the last variable fastest: the clique and
 * separator potentials of a junction tree. Tables here can hold tens of millions of entries and have more axes
 * than an ND4J array may, so the two operations a junction tree needs walk the table once with an odometer that
 * keeps a sub-table's index in step, instead of permuting and broadcasting.
 */
final class CliquePotential {
    private final int[] variables;       // network indices, in axis order
    private final int[] cardinalities;   // per axis
    final double[] values;               // [Π cardinalities]

    CliquePotential(int[] variables, int[] cardinalities, double[] values) {
        this.variables = variables;
        this.cardinalities = cardinalities;
        this.values = values;
    }

    /** A table of ones over {@code variables} (cardinalities taken from the network-wide array). */
    static CliquePotential ones(int[] variables, int[] networkCardinalities) {
        int[] cardinalities = new int[variables.length];
        long size = 1;
        for (int i = 0; i < variables.length; i++) {
            cardinalities[i] = networkCardinalities[variables[i]];
            size *= cardinalities[i];
        }
        double[] values = new double[Math.toIntExact(size)];
        java.util.Arrays.fill(values, 1.0);
        return new CliquePotential(variables, cardinalities, values);
    }

    CliquePotential copy() {
        return new CliquePotential(variables, cardinalities, values.clone());
    }

    /**
     * Multiplies every entry by the matching entry of a table over a subset of this table's variables.
     *
     * @param subVariables network indices of the sub-table's axes, in its own order
     * @param subValues    [Π their cardinalities], row-major in that order
     */
    void multiplyBy(int[] subVariables, double[] subValues) {
        int[] strides = subStrides(subVariables);
        int[] digit = new int[variables.length];
        int sub = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] *= subValues[sub];
            sub = advance(digit, strides, sub);
        }
    }

    /**
     * Σ over every variable not in {@code subVariables}.
     *
     * @return [Π their cardinalities], row-major in the given order
     */
    double[] project(int[] subVariables, int[] networkCardinalities) {
        long size = 1;
        for (int v : subVariables) {
            size *= networkCardinalities[v];
        }
        double[] out = new double[Math.toIntExact(size)];
        int[] strides = subStrides(subVariables);
        int[] digit = new int[variables.length];
        int sub = 0;
        for (int i = 0; i < values.length; i++) {
            out[sub] += values[i];
            sub = advance(digit, strides, sub);
        }
        return out;
    }

    double total() {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    void scale(double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
    }

    /** The odometer step: the next entry's digits, and the sub-table index moved with them. */
    private int advance(int[] digit, int[] strides, int sub) {
        for (int axis = digit.length - 1; axis >= 0; axis--) {
            if (++digit[axis] < cardinalities[axis]) {
                return sub + strides[axis];
            }
            digit[axis] = 0;
            sub -= strides[axis] * (cardinalities[axis] - 1);
        }
        return sub;
    }

    /** Per axis of this table, the stride of that variable in the sub-table (0 if the sub-table lacks it). */
    private int[] subStrides(int[] subVariables) {
        int[] strides = new int[variables.length];
        int stride = 1;
        for (int s = subVariables.length - 1; s >= 0; s--) {
            int axis = axisOf(subVariables[s]);
            strides[axis] = stride;
            stride *= cardinalities[axis];
        }
        return strides;
    }

    private int axisOf(int variable) {
        for (int axis = 0; axis < variables.length; axis++) {
            if (variables[axis] == variable) {
                return axis;
            }
        }
        throw new IllegalArgumentException("variable " + variable + " is not in this table's scope");
    }
}
