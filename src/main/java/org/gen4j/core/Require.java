package org.gen4j.core;

/** Checks of hyperparameters, with the message format every builder uses: "NAME must be ..., got VALUE". */
public final class Require {
    private Require() {
    }

    public static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new Gen4jException(name + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    /** A finite number >= 0. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new Gen4jException(name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** A finite number > 0. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new Gen4jException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }
}
