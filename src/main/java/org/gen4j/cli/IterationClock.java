package org.gen4j.cli;

import org.gen4j.em.IterationListener;

import java.util.HashMap;
import java.util.Map;

/**
 * Times EM iterations after the first of each restart: the first pays for initialisation and, in a new JVM, for
 * compiling the kernels; the rest show the pace a warmed-up fit keeps.
 */
final class IterationClock implements IterationListener {
    private final Map<Integer, long[]> runs = new HashMap<>();      // run -> {first, last, count}

    @Override
    public void iterationDone(int run, int iteration, double objective) {
        long now = System.nanoTime();
        runs.computeIfAbsent(run, r -> new long[]{now, now, 0});
        long[] r = runs.get(run);
        r[1] = now;
        r[2]++;
    }

    /** Mean seconds per iteration after the first of each restart; NaN when no restart ran two iterations. */
    double secondsPerIterationAfterTheFirst() {
        long nanos = 0, iterations = 0;
        for (long[] r : runs.values()) {
            nanos += r[1] - r[0];
            iterations += r[2] - 1;
        }
        return iterations == 0 ? Double.NaN : nanos / 1e9 / iterations;
    }
}
