package org.gen4j.kernels;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The state behind shared products: while a scope is open on a thread, that thread's products through
 * {@link DirectBlas} and {@link ElementwiseKernels} split into blocks that {@link SharedWork}'s threads take, with
 * OpenBLAS single-threaded. OpenBLAS's thread count is process-wide and slow to change, so it is set when the first
 * scope opens and given back when the last closes; scopes nest and may overlap across threads.
 * <pre>{@code
 * try (ProductSharing.Scope scope = ProductSharing.open()) { ... }
 * }</pre>
 */
public final class ProductSharing {
    private static int open;                  // scopes now open, all threads
    private static int blasThreadsBefore;
    /** Scopes open on this thread: products share only on the threads that opened a scope. */
    private static final ThreadLocal<int[]> OPEN_HERE = ThreadLocal.withInitial(() -> new int[1]);

    private ProductSharing() {
    }

    /** An open sharing scope; closing it ends the sharing once no other scope is open. */
    public static final class Scope implements AutoCloseable {
        private final int[] openHere;         // the opening thread's count, whichever thread closes the scope
        private boolean closed;

        private Scope() {
            this.openHere = OPEN_HERE.get();
            openHere[0]++;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                openHere[0]--;
                leave();
            }
        }
    }

    /** Whether sharing can help here: gen4j multiplies through OpenBLAS directly and has more than one thread. */
    public static boolean available() {
        return DirectBlas.enabled() && SharedWork.threads() > 1;
    }

    /** Opens a scope on this thread. */
    public static Scope open() {
        enter();
        return new Scope();
    }

    /** Whether this thread's products are shared now (it has a scope open). */
    public static boolean active() {
        return OPEN_HERE.get()[0] > 0;
    }

    private static synchronized void enter() {
        if (open++ == 0) {
            Blas blas = Nd4j.factory().blas();
            blasThreadsBefore = blas.getMaxThreads();
            blas.setMaxThreads(1);
        }
    }

    private static synchronized void leave() {
        if (--open == 0) {
            Nd4j.factory().blas().setMaxThreads(blasThreadsBefore);
        }
    }
}
