package org.gen4j.core;

/**
 * Thrown by a training loop (EM iterations, network batches) whose thread was interrupted, for example by a
 * notebook's stop button: it stops between steps, never inside one, so models and ND4J workspaces stay consistent.
 *
 * <pre>{@code
 * TrainingInterrupted.check();      // at the top of each iteration or batch
 * }</pre>
 */
public final class TrainingInterrupted extends RuntimeException {
    private TrainingInterrupted() {
        super("training was interrupted");
    }

    /** Throws if this thread has been interrupted (and clears the flag, as the exception now carries it). */
    public static void check() {
        if (Thread.interrupted()) {
            throw new TrainingInterrupted();
        }
    }
}
