package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * While a scope is open, the matrix products of gen4j's dense, convolution and transposed-convolution layers are
 * split into column blocks that {@link SharedWork}'s threads take as they come free, with OpenBLAS single-threaded.
 * OpenBLAS splits a product statically between its threads, so one late thread holds the whole product up: in a
 * VAE's training on two cores, 5 % of the steps took 3-6 times their usual time, a fifth of the epoch.
 * <pre>{@code
 * try (SharedProducts.Scope shared = SharedProducts.whileTraining(graph)) {
 *     for (MultiDataSet batch : batches) graph.fit(batch);
 * }
 * }</pre>
 * OpenBLAS's thread count is process-wide and slow to change (a change reallocates its buffers), so it is set once
 * per scope, not per product. A scope only opens for graphs whose layers with parameters all multiply through gen4j
 * (or are batch normalisation, which has no product): a DL4J layer's product would run on one thread inside it.
 * Scopes nest and may overlap across threads; OpenBLAS gets its thread count back when the last one closes. Only the
 * threads that opened a scope share their products; another thread's products meanwhile are single OpenBLAS calls
 * on OpenBLAS's one thread (slower, and possibly different in their last digits from the same call with more).
 * A shared product can differ from one OpenBLAS call in its last digits (OpenBLAS's kernels round differently at a
 * block's edges); the blocks depend on the product's shape alone, so on one machine the same seed gives the same
 * bits with any number of threads from two up, and with one (no sharing) those of the single call.
 */
public final class SharedProducts {
    private static int open;                  // scopes now open, all threads
    private static int blasThreadsBefore;
    /** Scopes open on this thread: products share only on the threads that opened a scope. */
    private static final ThreadLocal<int[]> OPEN_HERE = ThreadLocal.withInitial(() -> new int[1]);

    private SharedProducts() {
    }

    /** An open sharing scope; closing it ends the sharing once no other scope is open. */
    public static final class Scope implements AutoCloseable {
        private final boolean opened;
        private final int[] openHere;         // the opening thread's count, whichever thread closes the scope
        private boolean closed;

        private Scope(boolean opened) {
            this.opened = opened;
            this.openHere = OPEN_HERE.get();
            if (opened) {
                openHere[0]++;
            }
        }

        /** Whether this scope shares products (false: a graph had a layer that multiplies outside gen4j, or one thread). */
        public boolean sharing() {
            return opened;
        }

        @Override
        public void close() {
            if (opened && !closed) {
                closed = true;
                openHere[0]--;
                leave();
            }
        }
    }

    /** Opens a scope for training {@code graphs}, sharing their products when all of them qualify. */
    public static Scope whileTraining(ComputationGraph... graphs) {
        if (!DirectBlas.enabled() || SharedWork.threads() == 1) {
            return new Scope(false);
        }
        for (ComputationGraph graph : graphs) {
            for (Layer layer : graph.getLayers()) {
                if (!multipliesThroughGen4j(layer)) {
                    return new Scope(false);
                }
            }
        }
        enter();
        return new Scope(true);
    }

    /** Whether this thread's products are shared now (it has a scope open). */
    static boolean active() {
        return OPEN_HERE.get()[0] > 0;
    }

    private static boolean multipliesThroughGen4j(Layer layer) {
        if (layer instanceof FrozenLayerWithBackprop frozen) {
            layer = frozen.getInsideLayer();
        } else if (layer instanceof FrozenLayer frozen) {
            layer = frozen.getInsideLayer();
        }
        return layer.numParams() == 0 || layer instanceof PreOutputCachingDense || layer instanceof ContiguousIm2colConvolution
                || layer instanceof ContiguousDeconvolution || layer instanceof BatchNormalization;
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
