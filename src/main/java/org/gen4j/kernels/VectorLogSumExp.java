package org.gen4j.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.gen4j.kernels.VectorExpLog;


/**
 * {@link LogSumExp} as one pass of SIMD code over a column-major {@code [n, k]} float64 matrix: lanes run across
 * rows, so each column is read contiguously, and max, shift, exp, sum, log and divide happen while a block of rows
 * is in registers. ND4J's five separate operations with libnd4j's scalar {@code exp} took a quarter of a
 * full-covariance EM iteration. Rows go through heap arrays a chunk at a time (the vector API's loads from native
 * memory are too large for the JIT to inline in a loop). The rows after the last whole vector use {@link Math#exp},
 * so a row's last bits depend on n and its position, never on the thread count or the JIT's state. Loaded only
 * when {@link SimdKernels#available()}.
 */
final class VectorLogSumExp {
    private static final VectorSpecies<Double> SPECIES = VectorExpLog.SPECIES;
    /** Fewer rows than this per thread cost more in hand-off than they gain. */
    private static final int MIN_ROWS_PER_PART = 16_384;
    private static final int CHUNK_ROWS = 1_024;

    private VectorLogSumExp() {
    }

    static int lanes() {
        return SPECIES.length();
    }

    /**
     * @param a       column-major {@code [n, k]}, overwritten by its row softmax when {@code normalise}
     * @param logSums {@code [n]}, written
     */
    static void ofRows(NativeArray a, int n, int k, NativeArray logSums, boolean normalise) {
        RowParts parts = RowParts.of(n, MIN_ROWS_PER_PART, SPECIES.length());
        parts.forEach(part -> {
            double[] chunk = new double[k * CHUNK_ROWS];
            double[] chunkSums = new double[CHUNK_ROWS];
            double[] maxima = new double[CHUNK_ROWS];
            for (int from = parts.start(part), end = parts.start(part + 1); from < end; from += CHUNK_ROWS) {
                int rows = Math.min(CHUNK_ROWS, end - from);
                for (int j = 0; j < k; j++) {
                    a.read(j * n + from, chunk, j * CHUNK_ROWS, rows);
                }
                chunk(chunk, CHUNK_ROWS, k, rows, chunkSums, maxima, normalise);
                logSums.write(from, chunkSums, 0, rows);
                if (normalise) {
                    for (int j = 0; j < k; j++) {
                        a.write(j * n + from, chunk, j * CHUNK_ROWS, rows);
                    }
                }
            }
        });
    }

    /**
     * @param a       {@code [k][stride]} column by column, of which {@code rows} are used
     * @param logSums {@code [stride]}, written
     * @param maxima  {@code [stride]}, scratch
     */
    static void chunk(double[] a, int stride, int k, int rows, double[] logSums, double[] maxima, boolean normalise) {
        int vectorRows = rows / SPECIES.length() * SPECIES.length();
        // three passes, each its own method: one method with exp, log and the division inlined outgrows what the
        // JIT inlines, and the vector operations left out run as slow Java fallbacks
        exponentiateShifted(a, stride, k, vectorRows, logSums, maxima);
        logPlusMaxima(logSums, maxima, vectorRows);
        if (normalise) {
            divideBySums(a, stride, k, vectorRows, maxima);
        }
        for (int i = vectorRows; i < rows; i++) {
            rowByRow(a, stride, k, i, logSums, normalise);
        }
    }

    /** a ← exp(a − row max); sums ← Σ over the row; maxima ← the shifts (0 for rows of −inf). */
    private static void exponentiateShifted(double[] a, int stride, int k, int vectorRows, double[] sums, double[] maxima) {
        for (int i = 0; i < vectorRows; i += SPECIES.length()) {
            DoubleVector max = DoubleVector.fromArray(SPECIES, a, i);
            for (int j = 1; j < k; j++) {
                max = max.max(DoubleVector.fromArray(SPECIES, a, j * stride + i));
            }
            // a row of -inf is shifted by 0, so that its log-sum is -inf and not NaN
            max = max.blend(0.0, max.eq(Double.NEGATIVE_INFINITY));
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int j = 0; j < k; j++) {
                DoubleVector e = VectorExpLog.exp(DoubleVector.fromArray(SPECIES, a, j * stride + i).sub(max));
                sum = sum.add(e);
                e.intoArray(a, j * stride + i);
            }
            sum.intoArray(sums, i);
            max.intoArray(maxima, i);
        }
    }

    /** sums ← log(sums) + maxima; maxima ← the sums before (the divisors of the normalisation). */
    private static void logPlusMaxima(double[] sums, double[] maxima, int vectorRows) {
        for (int i = 0; i < vectorRows; i += SPECIES.length()) {
            DoubleVector sum = DoubleVector.fromArray(SPECIES, sums, i);
            VectorExpLog.log(sum).add(DoubleVector.fromArray(SPECIES, maxima, i)).intoArray(sums, i);
            sum.intoArray(maxima, i);
        }
    }

    private static void divideBySums(double[] a, int stride, int k, int vectorRows, double[] divisors) {
        for (int i = 0; i < vectorRows; i += SPECIES.length()) {
            DoubleVector sum = DoubleVector.fromArray(SPECIES, divisors, i);
            for (int j = 0; j < k; j++) {
                DoubleVector.fromArray(SPECIES, a, j * stride + i).div(sum).intoArray(a, j * stride + i);
            }
        }
    }

    /** A row after the last whole vector: the same computation one value at a time. */
    private static void rowByRow(double[] a, int stride, int k, int i, double[] logSums, boolean normalise) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, a[j * stride + i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            max = 0;
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double e = Math.exp(a[j * stride + i] - max);
            sum += e;
            a[j * stride + i] = e;
        }
        logSums[i] = Math.log(sum) + max;
        if (normalise) {
            for (int j = 0; j < k; j++) {
                a[j * stride + i] /= sum;
            }
        }
    }
}
