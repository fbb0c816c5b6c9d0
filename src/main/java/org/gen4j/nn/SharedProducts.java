package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.gen4j.kernels.ProductSharing;

/**
 * While a scope is open, the matrix products of gen4j's dense, convolution and transposed-convolution layers are
 * split into column blocks that gen4j's worker threads take as they come free, with OpenBLAS single-threaded.
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
    private SharedProducts() {
    }

    /** An open sharing scope (or one that does not share); closing it ends the sharing once no other scope is open. */
    public static final class Scope implements AutoCloseable {
        private final ProductSharing.Scope shared;

        private Scope(ProductSharing.Scope shared) {
            this.shared = shared;
        }

        /** Whether this scope shares products (false: a graph had a layer that multiplies outside gen4j, or one thread). */
        public boolean sharing() {
            return shared != null;
        }

        @Override
        public void close() {
            if (shared != null) {
                shared.close();
            }
        }
    }

    /** Opens a scope for training {@code graphs}, sharing their products when all of them qualify. */
    public static Scope whileTraining(ComputationGraph... graphs) {
        if (!ProductSharing.available()) {
            return new Scope(null);
        }
        for (ComputationGraph graph : graphs) {
            for (Layer layer : graph.getLayers()) {
                if (!multipliesThroughGen4j(layer)) {
                    return new Scope(null);
                }
            }
        }
        return new Scope(ProductSharing.open());
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
}
