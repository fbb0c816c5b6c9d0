package org.gen4j.em;

import java.io.Serializable;
import java.util.function.Consumer;

/**
 * What a partition does in one EM pass: its raw blocks become the family's batches, and each batch's E-step is added
 * to the partition's statistics. It travels to where the data is, so it, the parameters and the statistics are
 * {@link Serializable}.
 *
 * @param <P> the parameters, @param <R> a raw block, @param <S> the statistics of a pass
 */
public interface PartitionStep<P, R, S extends EmStatistics<S>> extends Serializable {

    /** Empty statistics under the pass's parameters. */
    S empty(P current);

    /** Adds one block's E-step. */
    void add(P current, R block, S into);

    /** Turns a raw block into the batches a family's E-step reads (under the current parameters). */
    @FunctionalInterface
    interface BlockReader<P, R, B> extends Serializable {
        void read(P current, R block, Consumer<B> batches);
    }

    /** A family's E-step, reading each block through {@code reader}. */
    static <P, R, B, S extends EmStatistics<S>> PartitionStep<P, R, S> of(EmModel<P, B, S> model, BlockReader<P, R, B> reader) {
        return new ModelStep<>(model, reader);
    }

    /** {@link #of}: the model's own E-step over the batches of each block. */
    record ModelStep<P, R, B, S extends EmStatistics<S>>(EmModel<P, B, S> model, BlockReader<P, R, B> reader)
            implements PartitionStep<P, R, S> {
        @Override
        public S empty(P current) {
            return model.statistics(current);
        }

        @Override
        public void add(P current, R block, S into) {
            reader.read(current, block, batch -> model.accumulate(current, batch, into));
        }
    }
}
