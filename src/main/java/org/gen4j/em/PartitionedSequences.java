package org.gen4j.em;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Sequences held in partitions elsewhere (a Spark cluster's), as a fit on them sees them: each partition holds whole
 * sequences, in {@link SequenceBlock}s; a random sample of sequences initialises the fit.
 */
public interface PartitionedSequences extends Partitioned<SequenceBlock> {

    List<String> columns();

    long sequences();

    long steps();

    /** Up to {@code maxSequences} sequences drawn without replacement, each {@code [T, d]} float64: brought to the driver. */
    List<INDArray> sample(int maxSequences, long seed);

    String describe();
}
