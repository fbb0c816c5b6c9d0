package org.gen4j.distributions;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * {@link LogSumExp} as one pass of SIMD code over a column-major {@code [n, k]} float64 matrix: lanes run across
 * rows, so each column is read contiguously, and max, shift, exp, sum, log and divide happen while a block of rows
 * is in registers. ND4J's five separate operations with libnd4j's scalar {@code exp} took a quarter of a
 * full-covariance EM iteration. The rows after the last whole vector use {@link Math#exp}, so a row's last bits
 * depend on n and its position, never on the thread count or the JIT's state. Loaded only when {@link SimdKernels#available()}.
 */
final class VectorLogSumExp {
    private static final VectorSpecies<Double> SPECIES = VectorExpLog.SPECIES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Fewer rows than this per thread cost more in hand-off than they gain. */
    private static final int MIN_ROWS_PER_PART = 16_384;

    private VectorLogSumExp() {
    }

    static int lanes() {
        return SPECIES.length();
    }

    /**
     * @param a         column-major {@code [n, k]}, overwritten by its row softmax when {@code normalise}
     * @param logSums   {@code [n]}, written
     */
    static void ofRows(SimdKernels.NativeDoubles a, int n, int k, SimdKernels.NativeDoubles logSums, boolean normalise) {
        int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / MIN_ROWS_PER_PART));
        if (parts == 1) {
            rows(a, n, k, logSums, normalise, 0, n);
            return;
        }
        int lanes = SPECIES.length();
        int perPart = (n / parts + lanes - 1) / lanes * lanes;      // part boundaries on whole vectors
        IntStream.range(0, parts).parallel().forEach(p ->
                rows(a, n, k, logSums, normalise, Math.min(n, p * perPart), p == parts - 1 ? n : Math.min(n, (p + 1) * perPart)));
    }

    private static void rows(SimdKernels.NativeDoubles matrix, int n, int k, SimdKernels.NativeDoubles logSums,
                             boolean normalise, int from, int to) {
        ByteBuffer a = matrix.buffer();
        ByteBuffer out = logSums.buffer();
        int columnBytes = n * Double.BYTES;
        int lanes = SPECIES.length();
        int vectorEnd = from + (to - from) / lanes * lanes;
        for (int i = from; i < vectorEnd; i += lanes) {
            int first = matrix.start() + i * Double.BYTES;                 // row i of column 0
            DoubleVector max = DoubleVector.fromByteBuffer(SPECIES, a, first, ORDER);
            for (int j = 1; j < k; j++) {
                max = max.max(DoubleVector.fromByteBuffer(SPECIES, a, first + j * columnBytes, ORDER));
            }
            // a row of -inf is shifted by 0, so that its log-sum is -inf and not NaN
            max = max.blend(0.0, max.eq(Double.NEGATIVE_INFINITY));
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int j = 0; j < k; j++) {
                int at = first + j * columnBytes;
                DoubleVector e = VectorExpLog.exp(DoubleVector.fromByteBuffer(SPECIES, a, at, ORDER).sub(max));
                sum = sum.add(e);
                if (normalise) {
                    e.intoByteBuffer(a, at, ORDER);
                }
            }
            VectorExpLog.log(sum).add(max).intoByteBuffer(out, logSums.start() + i * Double.BYTES, ORDER);
            if (normalise) {
                for (int j = 0; j < k; j++) {
                    int at = first + j * columnBytes;
                    DoubleVector.fromByteBuffer(SPECIES, a, at, ORDER).div(sum).intoByteBuffer(a, at, ORDER);
                }
            }
        }
        for (int i = vectorEnd; i < to; i++) {
            rowByRow(matrix, columnBytes, k, logSums, normalise, i);
        }
    }

    /** The rows after the last whole vector, the same computation one value at a time. */
    private static void rowByRow(SimdKernels.NativeDoubles matrix, int columnBytes, int k, SimdKernels.NativeDoubles logSums,
                                 boolean normalise, int i) {
        ByteBuffer a = matrix.buffer();
        int first = matrix.start() + i * Double.BYTES;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, a.getDouble(first + j * columnBytes));
        }
        if (max == Double.NEGATIVE_INFINITY) {
            max = 0;
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            int at = first + j * columnBytes;
            double e = Math.exp(a.getDouble(at) - max);
            sum += e;
            if (normalise) {
                a.putDouble(at, e);
            }
        }
        logSums.buffer().putDouble(logSums.start() + i * Double.BYTES, Math.log(sum) + max);
        if (normalise) {
            for (int j = 0; j < k; j++) {
                int at = first + j * columnBytes;
                a.putDouble(at, a.getDouble(at) / sum);
            }
        }
    }
}
