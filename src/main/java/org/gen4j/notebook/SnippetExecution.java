package org.gen4j.notebook;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs JShell snippets in this JVM (so a cell's value is a live object the kernel can draw), each on its own thread
 * so that an interrupt can stop it: {@link #stop} interrupts the thread, which gen4j's training loops notice at the
 * next batch or iteration; code that ignores interrupts is stopped after a grace period.
 */
final class SnippetExecution extends DirectExecutionControl {
    /**
     * How long stopped code may take to notice the interrupt before its thread is stopped by force: generous, so
     * that a training step on a loaded machine still ends cleanly at its next check.
     */
    private static final long GRACE_MILLIS = 30_000;

    private final AtomicReference<Object> lastValue = new AtomicReference<>();
    private volatile Thread running;
    private volatile boolean stopRequested;

    /** A new cell: a stop asked for during the last one is forgotten. */
    void beginCell() {
        stopRequested = false;
    }

    /** Whether the stop button was pressed during this cell (the cell's remaining snippets do not run). */
    boolean stopRequested() {
        return stopRequested;
    }

    /** The value of the last snippet run (null for statements and declarations without one). */
    Object takeLastValue() {
        return lastValue.getAndSet(null);
    }

    @Override
    protected String invoke(Method snippet) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(snippet.invoke(null));
            } catch (InvocationTargetException e) {
                failure.set(e);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "gen4j-notebook-cell");
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        running = thread;
        thread.start();
        if (stopRequested) {
            thread.interrupt();     // a stop that came as this snippet started (see stop: one of the two sees the other)
        }
        try {
            thread.join();
        } finally {
            running = null;
        }
        if (failure.get() instanceof InvocationTargetException e) {
            throw e;
        }
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof ThreadDeath) {
            throw new InvocationTargetException(new InterruptedException("the cell was stopped"));
        }
        if (failure.get() != null) {
            throw new InvocationTargetException(failure.get());
        }
        lastValue.set(result.get());
        return valueString(result.get());
    }

    @SuppressWarnings({"deprecation", "removal"})
    @Override
    public void stop() {
        stopRequested = true;
        Thread thread = running;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.stop();          // Java 17 still honours it; the last resort for code that never checks
        }
    }

    /** Hands JShell this execution control; the kernel keeps the instance to read values and to stop cells. */
    static final class Provider implements ExecutionControlProvider {
        private final SnippetExecution execution = new SnippetExecution();

        SnippetExecution execution() {
            return execution;
        }

        @Override
        public String name() {
            return "gen4j";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return execution;
        }
    }
}
