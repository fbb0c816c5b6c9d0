package org.gen4j.nn;

import org.gen4j.data.Shuffle;
import org.gen4j.kernels.RowGather;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.IntStream;

/**
 * An epoch of mini-batches over rows held in memory, in a seeded random order: each batch is gathered as it is
 * reached, into the buffers of the batch before (a trainer is done with a batch when it asks for the next), so an
 * epoch takes no copy of the data up front and no fresh memory per step.
 *
 * <pre>{@code
 * ShuffledBatches batches = new ShuffledBatches(rows, oneHotLabels, 64);
 * for (ShuffledBatches.Batch b : batches.epoch(seed)) graph.fit(new INDArray[]{b.rows()}, ...);
 * }</pre>
 */
public final class ShuffledBatches {
    private final INDArray rows;
    private final INDArray labels;
    private final int batchSize;

    /** @param labels one-hot rows beside {@code rows}, or null */
    public ShuffledBatches(INDArray rows, INDArray labels, int batchSize) {
        this.rows = rows;
        this.labels = labels;
        this.batchSize = batchSize;
    }

    /** One batch: which rows it holds, and them (and their labels, or null) gathered. */
    public record Batch(int[] pick, INDArray rows, INDArray labels) {
    }

    /** The epoch whose order {@link Shuffle#permutation} gives for this seed. */
    public Iterable<Batch> epoch(long seed) {
        int n = (int) rows.rows();
        int[] order = Shuffle.permutation(n, seed);
        INDArray[] buffers = new INDArray[2];
        return () -> {
            Iterator<Integer> starts = IntStream.iterate(0, start -> start < n, start -> start + batchSize).iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return starts.hasNext();
                }

                @Override
                public Batch next() {
                    int start = starts.next();
                    int[] pick = Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
                    buffers[0] = RowGather.rows(rows, pick, buffers[0]);
                    buffers[1] = labels == null ? null : RowGather.rows(labels, pick, buffers[1]);
                    return new Batch(pick, buffers[0], buffers[1]);
                }
            };
        };
    }
}
