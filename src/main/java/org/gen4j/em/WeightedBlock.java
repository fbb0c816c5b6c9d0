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

    /**
     * A block of whole sequences whose steps carry their sequence's weight as the last value: the steps without it,
     * and one weight per sequence (every step of a sequence must carry the same one).
     */
    public static Sequences ofSequences(SequenceBlock block) {
        int width = block.columns() - 1;
        WeightedBlock rows = of(block.steps(), width);
        double[] perSequence = new double[block.lengths().length];
        int at = 0;
        for (int s = 0; s < perSequence.length; s++) {
            perSequence[s] = rows.weights()[at];
            for (int t = at; t < at + block.lengths()[s]; t++) {
                if (Double.compare(rows.weights()[t], perSequence[s]) != 0) {
                    throw new org.gen4j.core.Gen4jException("a sequence has the weights " + perSequence[s] + " and " + rows.weights()[t]
                            + ": a weight belongs to a whole sequence");
                }
            }
            at += block.lengths()[s];
        }
        return new Sequences(new SequenceBlock(rows.values(), block.lengths(), width), perSequence);
    }

    /** Sequences without their weight column, and each one's weight. */
    public record Sequences(SequenceBlock block, double[] weights) {
    }
}
