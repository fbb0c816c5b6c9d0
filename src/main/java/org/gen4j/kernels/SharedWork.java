package org.gen4j.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the numbered blocks of one job on the calling thread and a few helper threads, each block taken by whichever
 * thread is free first. A statically split job (OpenBLAS's threads, an OpenMP loop) waits for its slowest share:
 * on a machine whose cores are also busy with the JIT compiler and the collector, a helper that starts late held a
 * VAE step's products up to 3-6 times their usual time. Here a late helper only misses the blocks the others took.
 * <pre>{@code
 * SharedWork.run(8, block -> scale(rows, block * 16, 16));
 * }</pre>
 * One job runs at a time: a call made while another thread's job (or the caller's own, from inside a block) is
 * running does its blocks alone. Helpers spin briefly after a job, then park. {@code -Dgen4j.threads=N} sets the
 * number of threads, caller included (default: the number OpenBLAS was set up with, at most the available
 * processors); 1 turns sharing off.
 */
public final class SharedWork {
    private static final long SPIN_NANOS = Long.getLong("gen4j.threads.spinMicros", 20L) * 1000;
    private static final AtomicBoolean RUNNING = new AtomicBoolean();
    private static volatile Job posted;
    private static volatile Helper[] helpers;              // started on first use

    private SharedWork() {
    }

    /** Threads that take part in a job, the caller included. */
    public static int threads() {
        return helpers().length + 1;
    }

    /** Runs {@code block.accept(i)} for i in [0, blocks), on the caller and the helpers; returns when all are done. */
    static void run(int blocks, IntConsumer block) {
        Helper[] available = helpers();
        if (blocks <= 1 || available.length == 0 || !RUNNING.compareAndSet(false, true)) {
            for (int i = 0; i < blocks; i++) {
                block.accept(i);
            }
            return;
        }
        try {
            Job job = new Job(blocks, block);
            posted = job;
            for (Helper helper : available) {
                if (helper.parked) {
                    LockSupport.unpark(helper.thread);
                }
            }
            job.work();
            while (job.done.get() < blocks) {
                Thread.onSpinWait();
            }
            job.rethrow();
        } finally {
            RUNNING.set(false);
        }
    }

    private static Helper[] helpers() {
        Helper[] started = helpers;
        return started != null ? started : startHelpers();    // no lock on the per-product path once started
    }

    private static synchronized Helper[] startHelpers() {
        if (helpers == null) {
            int threads = Math.min(Runtime.getRuntime().availableProcessors(), Integer.getInteger("gen4j.threads", defaultThreads()));
            Helper[] started = new Helper[Math.max(0, threads - 1)];
            for (int i = 0; i < started.length; i++) {
                started[i] = new Helper(i);
            }
            helpers = started;                         // published whole
        }
        return helpers;
    }

    private static int defaultThreads() {
        try {
            return Math.max(1, org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads());
        } catch (RuntimeException | LinkageError e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** One job's blocks: the next to take, how many are finished, and the first failure. */
    private static final class Job {
        final int blocks;
        final IntConsumer block;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        volatile Throwable failure;

        Job(int blocks, IntConsumer block) {
            this.blocks = blocks;
            this.block = block;
        }

        void work() {
            for (int i; (i = next.getAndIncrement()) < blocks; ) {
                try {
                    if (failure == null) {
                        block.accept(i);
                    }
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static final class Helper implements Runnable {
        final Thread thread;
        volatile boolean parked;

        Helper(int index) {
            thread = new Thread(this, "gen4j-shared-work-" + (index + 1));
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            Job last = null;
            while (true) {
                Job job = awaitJobAfter(last);
                last = job;
                job.work();
            }
        }

        /** Spins for a short while, then parks, until a job other than {@code last} is posted. */
        private Job awaitJobAfter(Job last) {
            long until = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Job job = posted;
                if (job != null && job != last) {
                    return job;
                }
                if (System.nanoTime() < until) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;                   // the poster reads this after posting: no wake-up is lost
                job = posted;
                if (job == null || job == last) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
    }
}
