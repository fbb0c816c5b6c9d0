package org.gen4j.em;

/**
 * The sufficient statistics of one EM pass: what the E-step adds up over batches, and the objective EM climbs.
 *
 * @param <S> the implementing type, so partitions merge into one
 */
public interface EmStatistics<S extends EmStatistics<S>> {

    /** The objective under the pass's parameters: a log-likelihood or its per-row mean. */
    double objective();

    /** Adds another pass's statistics over other data (a partition computed elsewhere) to these. */
    void merge(S other);
}
