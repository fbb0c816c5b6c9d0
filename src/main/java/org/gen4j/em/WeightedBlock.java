package org.gen4j.em;

/**
 * A block of a partitioned table whose rows carry their weight as the last value, split into the rows' values and
 * their weights.
 * <pre>{@code
 * WeightedBlock split = WeightedBlock.of(block, d);      // block: n rows of d values and a weight
 * }</pre>
 *
 * @param values  {@code n * columns} values, row-major
 * @param weights {@code n}
 */
public record WeightedBlock(double[] values, double[] weights) {

    /** @param columns the values per row, not counting the weight */
    public static WeightedBlock of(double[] block, int columns) {
        int n = block.length / (columns + 1);
        double[] values = new double[n * columns];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(block, i * (columns + 1), values, i * columns, columns);
            weights[i] = block[i * (columns + 1) + columns];
        }
        return new WeightedBlock(values, weights);
    }

    public int rows() {
        return weights.length;
    }
}
