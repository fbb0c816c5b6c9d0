package org.gen4j.testing;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a computation again and again while another thread churns short-lived garbage, so that young collections
 * run all through it, and demands the same bits every time: a kernel that reads or writes ND4J memory whose array
 * the JIT no longer holds sees it freed (and, under glibc's checking allocator with {@code MALLOC_PERTURB_},
 * overwritten) mid-pass. The computation should make its arrays itself and keep none past the kernel call, as a
 * user's temporaries are.
 * <pre>{@code
 * GcStress.assertSameBitsUnderCollection("logProb", 200, 400, () -> gmm.logProb(x.dup()).toDoubleVector());
 * }</pre>
 * The {@code *GcStressTest} classes run in their own JVM with a 32 MB young generation (pom.xml, execution
 * {@code native-memory}): there a collection comes every few milliseconds, and the old log-sum-exp kernel gave
 * wrong rows in 46–61 of 400 calls; with a 6 GB heap's young generation, in none. Nothing here is timed: the churn
 * runs until the last round has been compared, and each round waits for a collection after the previous one.
 */
public final class GcStress {
    private static volatile Object sink;

    private GcStress() {
    }

    /**
     * @param warmUp rounds before the churn starts, so that the JIT has compiled the path (where liveness ends early)
     * @param rounds rounds under collection, each compared with the first result
     */
    public static void assertSameBitsUnderCollection(String what, int warmUp, int rounds, Supplier<double[]> computation) {
        double[] expected = computation.get();
        for (int i = 0; i < warmUp; i++) {
            Bits.assertBitIdentical(expected, computation.get(), what + ", warm-up round " + i);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread churn = new Thread(() -> {
            while (running.get()) {
                sink = new byte[16 * 1024];
            }
        }, "gc-stress-churn");
        churn.setDaemon(true);
        long before = collections();
        churn.start();
        try {
            long seen = before;
            for (int i = 0; i < rounds; i++) {
                seen = nextCollection(seen);           // at least one collection between any two rounds
                Bits.assertBitIdentical(expected, computation.get(), what + ", round " + i + " under collection");
            }
        } finally {
            running.set(false);
            joinQuietly(churn);
        }
    }

    /** Waits until the churn has brought on a collection after the {@code seen}-th; returns the count now. */
    private static long nextCollection(long seen) {
        long now;
        while ((now = collections()) == seen) {
            Thread.onSpinWait();
        }
        return now;
    }

    /** Collections so far, all collectors together. */
    private static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
