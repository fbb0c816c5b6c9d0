package org.gen4j.stats;

import org.gen4j.kernels.PackedSymmetric;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * In-memory training data cut into row chunks of {@link PreparedData}. The chunks are prepared once and kept
 * when their second-order features fit in {@link #CACHE_ELEMENTS}; otherwise each EM pass prepares them again,
 * trading time for memory (full covariance needs d(d+1)/2 features per row).
 */
public final class TrainingData {
    /** At most this many feature values per chunk (128 MiB in float64). */
    static final long CHUNK_ELEMENTS = 1L << 24;
    /** Keep every prepared chunk when all of them hold at most this many values (2 GiB in float64). */
    static final long CACHE_ELEMENTS = 1L << 28;

    private final INDArray x;
    private final INDArray shift;
    private final CovarianceType type;
    private final long rowsPerChunk;
    private final List<PreparedData> cache;
    private final INDArray weights;      // [n] what each row counts for, or null

    private TrainingData(INDArray x, INDArray shift, CovarianceType type, INDArray weights) {
        this.x = x;
        this.weights = weights;
        this.shift = shift;
        this.type = type;
        int d = (int) x.columns();
        long featuresPerRow = (type == CovarianceType.FULL || type == CovarianceType.TIED ? PackedSymmetric.size(d) : d) + d + 1;
        this.rowsPerChunk = Math.max(1, CHUNK_ELEMENTS / featuresPerRow);
        if (featuresPerRow * x.rows() <= CACHE_ELEMENTS) {
            cache = new ArrayList<>();
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                for (int c = 0; c < chunkCount(); c++) {
                    cache.add(prepare(c));
                }
            }
        } else {
            cache = null;
        }
    }

    /** Shifts by the column means, so that moments are taken around the middle of the data. */
    public static TrainingData of(INDArray x, CovarianceType type) {
        return new TrainingData(x, x.mean(true, 0), type, null);
    }

    public static TrainingData of(INDArray x, INDArray shift, CovarianceType type) {
        return new TrainingData(x, shift, type, null);
    }

    /** Rows that count for their weights in every E- and M-step sum. @param weights {@code [n]} */
    public static TrainingData weighted(INDArray x, CovarianceType type, INDArray weights) {
        return new TrainingData(x, x.mean(true, 0), type, weights.castTo(x.dataType()).reshape(x.rows()));
    }

    /** @return {@code [n]} the rows' weights, or null when each row counts once */
    public INDArray weights() {
        return weights;
    }

    public INDArray shift() {
        return shift;
    }

    public INDArray x() {
        return x;
    }

    public int chunkCount() {
        return (int) ((x.rows() + rowsPerChunk - 1) / rowsPerChunk);
    }

    public long start(int chunk) {
        return chunk * rowsPerChunk;
    }

    public long end(int chunk) {
        return Math.min(x.rows(), (chunk + 1) * rowsPerChunk);
    }

    public PreparedData chunk(int chunk) {
        return cache != null ? cache.get(chunk) : prepare(chunk);
    }

    private PreparedData prepare(int chunk) {
        INDArray rows = chunkCount() == 1 ? x : x.get(NDArrayIndex.interval(start(chunk), end(chunk)), NDArrayIndex.all());
        PreparedData prepared = PreparedData.of(rows, shift, type);
        return weights == null ? prepared
                : prepared.withRowWeights(chunkCount() == 1 ? weights : weights.get(NDArrayIndex.interval(start(chunk), end(chunk))));
    }
}
