package org.gen4j.spark;

import org.gen4j.core.Gen4jException;

import java.util.function.Supplier;

/**
 * A gen4j error raised on an executor (a cell that is not a state, a missing value) reaches the driver wrapped in
 * Spark's job failure, with Spark's stage and task lines around it; the user sees gen4j's own one line instead.
 */
final class SparkFailures {
    private SparkFailures() {
    }

    static <T> T unwrapped(Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception e) {             // Scala throws SparkException, a checked exception to javac, unchecked
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof Gen4jException ours) {
                    throw ours;
                }
            }
            throw e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e.getMessage(), e);
        }
    }
}
