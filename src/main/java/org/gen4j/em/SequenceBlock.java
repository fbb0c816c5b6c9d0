package org.gen4j.em;

import java.io.Serializable;

/**
 * Whole sequences kept together in one partition's block: their steps one after another, row-major, and each
 * sequence's length. A sequence is never split between blocks, so forward–backward runs where the block lives.
 */
public final class SequenceBlock implements Serializable {
    private final double[] steps;
    private final int[] lengths;
    private final int columns;

    public SequenceBlock(double[] steps, int[] lengths, int columns) {
        this.steps = steps;
        this.lengths = lengths;
        this.columns = columns;
    }

    /** {@code sum(lengths) × columns} values, row-major. */
    public double[] steps() {
        return steps;
    }

    public int[] lengths() {
        return lengths;
    }

    public int columns() {
        return columns;
    }
}
