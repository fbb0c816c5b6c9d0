package org.gen4j.em;

import java.util.function.Consumer;

/**
 * One pass over the training data, batch by batch, as an EM iteration reads it; made once per restart
 * ({@link Source}), so in-memory data can be prepared once for the restart's starting parameters.
 *
 * @param <P> the parameters, for data prepared under the current ones (e.g. a streamed HMM's emissions)
 * @param <B> one batch
 */
@FunctionalInterface
public interface DataPass<P, B> {

    void forEachBatch(P current, Consumer<B> each);

    /** Makes the pass of a restart from its starting parameters. */
    @FunctionalInterface
    interface Source<P, B> {
        DataPass<P, B> forRun(P start);
    }

    /** The same batches every pass, whatever the parameters. */
    static <P, B> Source<P, B> of(Iterable<B> batches) {
        return start -> (current, each) -> batches.forEach(each);
    }
}
