package org.gen4j.em;

/**
 * The model-specific half of expectation–maximisation; {@link EmEngine} is the other half (restarts, tolerance,
 * listeners, checkpoints). The E-step turns one batch of data into statistics that add up, so a whole data set, a
 * streamed pass and partitions summed elsewhere ({@link EmStatistics#merge}) run the same code.
 *
 * @param <P> the parameters being fitted
 * @param <B> one batch of data, as the E-step reads it
 * @param <S> the statistics of one pass
 */
public interface EmModel<P, B, S extends EmStatistics<S>> {

    /** Empty statistics for a pass under the current parameters. */
    S statistics(P current);

    /** The E-step of one batch under the current parameters, added to the pass's statistics. */
    void accumulate(P current, B batch, S into);

    /** The M-step: new parameters from a pass's statistics, detached from the iteration's scope. */
    P maximize(P current, S statistics);

    /** Opened around each iteration and closed after its M-step, e.g. an ND4J workspace for the temporaries. */
    default Scope iterationScope() {
        return () -> { };
    }

    /** What {@link #iterationScope} opens. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
