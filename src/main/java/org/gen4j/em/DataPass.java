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

    /** One pass's statistics under {@code current}: here, batch after batch; a partitioned pass runs where its data is. */
    default <S extends EmStatistics<S>> S statistics(EmModel<P, B, S> model, P current) {
        S statistics = model.statistics(current);
        forEachBatch(current, batch -> model.accumulate(current, batch, statistics));
        return statistics;
    }

    /** Makes the pass of a restart from its starting parameters. */
    @FunctionalInterface
    interface Source<P, B> {
        DataPass<P, B> forRun(P start);
    }

    /**
     * Passes over partitioned data (a cluster's): each block is read into batches by {@code reader} where it lives,
     * and the partitions' statistics are merged.
     */
    static <P, R, B> Source<P, B> partitioned(Partitioned<R> data, PartitionStep.BlockReader<P, R, B> reader) {
        return start -> new DataPass<>() {
            @Override
            public void forEachBatch(P current, Consumer<B> each) {
                throw new UnsupportedOperationException("a partitioned pass runs where its partitions are: use statistics()");
            }

            @Override
            public <S extends EmStatistics<S>> S statistics(EmModel<P, B, S> model, P current) {
                return data.aggregate(PartitionStep.of(model, reader), current);
            }
        };
    }

    /** The same batches every pass, whatever the parameters. */
    static <P, B> Source<P, B> of(Iterable<B> batches) {
        return start -> (current, each) -> batches.forEach(each);
    }
}
