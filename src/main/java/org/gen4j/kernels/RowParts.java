package org.gen4j.kernels;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * How the SIMD kernels split n rows between threads: one part per core, at least {@code minRows} rows each, cut on
 * whole vectors of {@code lanes} rows so that every row but the last few goes through vector code.
 */
record RowParts(int n, int count, int lanes) {

    static RowParts of(int n, int minRows, int lanes) {
        return new RowParts(n, Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / minRows)), lanes);
    }

    /** The first row of a part; {@code start(count())} is n. */
    int start(int part) {
        if (part >= count) {
            return n;
        }
        int perPart = (n / count + lanes - 1) / lanes * lanes;
        return Math.min(n, part * perPart);
    }

    /** Runs {@code work} for every part, in parallel when there is more than one. */
    void forEach(IntConsumer work) {
        if (count == 1) {
            work.accept(0);
        } else {
            IntStream.range(0, count).parallel().forEach(work);
        }
    }
}
