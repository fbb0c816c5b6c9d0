package org.gen4j.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.gen4j.kernels.VectorExpLog;
import org.gen4j.kernels.VectorLogSumExp;


/**
 * EM's two products with the features {@code q(x) = [x_a x_b for each pair | x | 1]} of column-major float64 data,
 * computed from x itself as SIMD code: the E-step's {@code q(X) W} ({@code [n, k]}) and the M-step's
 * {@code Rᵀ q(X)} ({@code [k, m + d + 1]}). OpenBLAS runs these 8-column products well below its kernel speed
 * (it repacks the tall operand), and the feature matrix they need is 10x the data (122 MB on the benchmark
 * workload); here each product {@code x_a x_b} is formed in a register and used at once. Every feature is a
 * product of two columns of {@code [x | 1]} (x_a = x_a · 1, 1 = 1 · 1, both exact), so one loop serves all.
 * Lanes run across rows; eight components at a time stay in registers. Sums run in a fixed order, so results do
 * not depend on the JIT's state; the M-step's partial sums depend on the number of threads, as BLAS's do. Loaded
 * only when {@link SimdKernels#available()}.
 */
public final class VectorQuadraticForms {
    private static final VectorSpecies<Double> SPECIES = VectorExpLog.SPECIES;
    private static final int GROUP = 8;                   // components per pass, one accumulator register each
    private static final int MIN_ROWS_PER_PART = 8_192;
    private static final int CHUNK_ROWS = 256;            // rows per step: resp and results go through heap arrays of this size

    private VectorQuadraticForms() {
    }

    /** Which columns of {@code [x | 1]} multiply into each feature. */
    public record Features(int[] first, int[] second) {
        /** x_a x_b for a <= b (row by row of the upper triangle), then x, then 1: full and tied covariances. */
        public static Features upperTriangle(int d) {
            int m = PackedSymmetric.size(d);
            int[] first = new int[m + d + 1];
            int[] second = new int[m + d + 1];
            int p = 0;
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++, p++) {
                    first[p] = a;
                    second[p] = b;
                }
            }
            return withLinearAndConstant(first, second, m, d);
        }

        /** x_a², then x, then 1: diagonal and spherical covariances. */
        public static Features squares(int d) {
            int[] first = new int[2 * d + 1];
            int[] second = new int[2 * d + 1];
            for (int a = 0; a < d; a++) {
                first[a] = a;
                second[a] = a;
            }
            return withLinearAndConstant(first, second, d, d);
        }

        private static Features withLinearAndConstant(int[] first, int[] second, int m, int d) {
            for (int a = 0; a <= d; a++) {                // column d of [x | 1] is the ones
                first[m + a] = a;
                second[m + a] = d;
            }
            return new Features(first, second);
        }

        int count() {
            return first.length;
        }
    }

    /**
     * @param x       column-major {@code [n, d + 1]}: the data, then a column of ones
     * @param weights {@code [features][k]} row-major
     * @param out     column-major {@code [n, k]}, written
     */
    static void project(double[] x, int n, Features features, double[] weights, int k, NativeArray out) {
        double[] padded = padComponents(weights, features.count(), k);
        RowParts parts = RowParts.of(n, MIN_ROWS_PER_PART, SPECIES.length());
        parts.forEach(part -> {
            double[] chunkOut = new double[k * CHUNK_ROWS];
            for (int from = parts.start(part), end = parts.start(part + 1); from < end; from += CHUNK_ROWS) {
                int rows = Math.min(CHUNK_ROWS, end - from);
                projectChunk(x, n, features, padded, k, from, rows, chunkOut);
                for (int j = 0; j < k; j++) {
                    out.write(j * n + from, chunkOut, j * CHUNK_ROWS, rows);
                }
            }
        });
    }

    /** What one fused EM pass over some rows gives (see {@link #expectationTotals}). */
    record PassTotals(double[][] weightedSums, double logLikelihoodSum, int worstRow, double worstLogLikelihood) {
    }

    /**
     * The E-step and the M-step's sums in one pass, a chunk of rows at a time: log-densities q(X) W, their
     * log-sum-exp and responsibilities, and Rᵀ q(X), without the [n, k] arrays ever leaving the cache. Each piece is
     * computed as in {@link #project}, {@link VectorLogSumExp} and {@link #weightedSums}, so the sums are the same.
     *
     * @param x       column-major {@code [n, d + 1]}: the data, then a column of ones
     * @param weights {@code [features][k]} row-major
     */
    static PassTotals expectationTotals(double[] x, int n, Features features, double[] weights, int k) {
        double[] padded = padComponents(weights, features.count(), k);
        RowParts parts = RowParts.of(n, MIN_ROWS_PER_PART, SPECIES.length());
        PassTotals[] partial = new PassTotals[parts.count()];
        parts.forEach(part -> {
            double[][] sums = new double[k][features.count()];                          // the rows after the last vector
            double[][] laneSums = new double[k][features.count() * SPECIES.length()];   // lane by lane
            double[] resp = new double[k * CHUNK_ROWS];
            double[] logNorm = new double[CHUNK_ROWS];
            double[] scratch = new double[CHUNK_ROWS];
            double logLikelihood = 0;
            int worst = -1;
            double worstValue = Double.POSITIVE_INFINITY;
            for (int from = parts.start(part), end = parts.start(part + 1); from < end; from += CHUNK_ROWS) {
                int rows = Math.min(CHUNK_ROWS, end - from);
                projectChunk(x, n, features, padded, k, from, rows, resp);
                VectorLogSumExp.chunk(resp, CHUNK_ROWS, k, rows, logNorm, scratch, true);
                addWeightedSums(resp, k, x, n, features, from, rows, laneSums, sums);
                for (int r = 0; r < rows; r++) {
                    logLikelihood += logNorm[r];
                    if (logNorm[r] < worstValue) {
                        worstValue = logNorm[r];
                        worst = from + r;
                    }
                }
            }
            addLanes(laneSums, sums);
            partial[part] = new PassTotals(sums, logLikelihood, worst, worstValue);
        });
        double[][] total = partial[0].weightedSums();
        double logLikelihood = partial[0].logLikelihoodSum();
        int worst = partial[0].worstRow();
        double worstValue = partial[0].worstLogLikelihood();
        for (int part = 1; part < partial.length; part++) {       // in part order: the same sums on every run
            addTo(total, partial[part].weightedSums());
            logLikelihood += partial[part].logLikelihoodSum();
            if (partial[part].worstLogLikelihood() < worstValue) {
                worstValue = partial[part].worstLogLikelihood();
                worst = partial[part].worstRow();
            }
        }
        return new PassTotals(total, logLikelihood, worst, worstValue);
    }

    /** Rows {@code from .. from + rows} into {@code out} ({@code [k][CHUNK_ROWS]}, column by column). */
    private static void projectChunk(double[] x, int n, Features features, double[] w, int k, int from, int rows, double[] out) {
        int count = features.count();
        int width = paddedWidth(k);
        int lanes = SPECIES.length();
        int vectorRows = rows / lanes * lanes;
        for (int g = 0; g < k; g += GROUP) {
            for (int r = 0; r < vectorRows; r += lanes) {
                int i = from + r;
                DoubleVector a0 = zero(), a1 = zero(), a2 = zero(), a3 = zero();
                DoubleVector a4 = zero(), a5 = zero(), a6 = zero(), a7 = zero();
                for (int c = 0; c < count; c++) {
                    DoubleVector q = DoubleVector.fromArray(SPECIES, x, features.first[c] * n + i)
                            .mul(DoubleVector.fromArray(SPECIES, x, features.second[c] * n + i));
                    int o = c * width + g;
                    a0 = q.fma(broadcast(w[o]), a0);
                    a1 = q.fma(broadcast(w[o + 1]), a1);
                    a2 = q.fma(broadcast(w[o + 2]), a2);
                    a3 = q.fma(broadcast(w[o + 3]), a3);
                    a4 = q.fma(broadcast(w[o + 4]), a4);
                    a5 = q.fma(broadcast(w[o + 5]), a5);
                    a6 = q.fma(broadcast(w[o + 6]), a6);
                    a7 = q.fma(broadcast(w[o + 7]), a7);
                }
                int left = k - g;
                int at = g * CHUNK_ROWS + r;
                a0.intoArray(out, at);
                if (left > 1) a1.intoArray(out, at + CHUNK_ROWS);
                if (left > 2) a2.intoArray(out, at + 2 * CHUNK_ROWS);
                if (left > 3) a3.intoArray(out, at + 3 * CHUNK_ROWS);
                if (left > 4) a4.intoArray(out, at + 4 * CHUNK_ROWS);
                if (left > 5) a5.intoArray(out, at + 5 * CHUNK_ROWS);
                if (left > 6) a6.intoArray(out, at + 6 * CHUNK_ROWS);
                if (left > 7) a7.intoArray(out, at + 7 * CHUNK_ROWS);
            }
        }
        for (int r = vectorRows; r < rows; r++) {                 // the rows after the last whole vector
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int c = 0; c < count; c++) {
                    sum = Math.fma(feature(x, n, from + r, features, c), w[c * width + j], sum);
                }
                out[j * CHUNK_ROWS + r] = sum;
            }
        }
    }

    /**
     * @param resp column-major {@code [n, k]}
     * @param x    column-major {@code [n, d + 1]}: the data, then a column of ones
     * @return {@code [k][features]}: Σ_i resp_ij q(x_i)
     */
    static double[][] weightedSums(NativeArray resp, int k, double[] x, int n, Features features) {
        RowParts parts = RowParts.of(n, MIN_ROWS_PER_PART, SPECIES.length());
        double[][][] partial = new double[parts.count()][][];
        parts.forEach(part -> {
            double[][] sums = new double[k][features.count()];                          // the rows after the last vector
            double[][] laneSums = new double[k][features.count() * SPECIES.length()];   // lane by lane
            double[] chunkResp = new double[k * CHUNK_ROWS];
            for (int from = parts.start(part), end = parts.start(part + 1); from < end; from += CHUNK_ROWS) {
                int rows = Math.min(CHUNK_ROWS, end - from);
                for (int j = 0; j < k; j++) {
                    resp.read(j * n + from, chunkResp, j * CHUNK_ROWS, rows);
                }
                addWeightedSums(chunkResp, k, x, n, features, from, rows, laneSums, sums);
            }
            addLanes(laneSums, sums);
            partial[part] = sums;
        });
        double[][] total = partial[0];
        for (int part = 1; part < parts.count(); part++) {                // in part order: the same sum on every run
            addTo(total, partial[part]);
        }
        return total;
    }

    /** Adds rows {@code from .. from + rows} to {@code sums}; {@code resp} holds their responsibilities column by column. */
    private static void addWeightedSums(double[] resp, int k, double[] x, int n, Features features, int from, int rows,
                                        double[][] laneSums, double[][] sums) {
        int count = features.count();
        int lanes = SPECIES.length();
        int vectorRows = rows / lanes * lanes;
        // four components and two features per pass: each load of x or of a responsibility feeds two FMAs
        // (eight components of one feature took one load per FMA and ran at half the E-step's speed)
        for (int g = 0; g < k; g += 4) {
            // components past k read component k-1 again; their sums are dropped
            int r0 = respColumn(g, k), r1 = respColumn(g + 1, k), r2 = respColumn(g + 2, k), r3 = respColumn(g + 3, k);
            int left = k - g;
            for (int c = 0; c < count; c += 2) {
                int e = Math.min(c + 1, count - 1);                // an odd last feature pairs with itself, dropped
                int first = features.first[c] * n + from, second = features.second[c] * n + from;
                int third = features.first[e] * n + from, fourth = features.second[e] * n + from;
                DoubleVector a0 = zero(), a1 = zero(), a2 = zero(), a3 = zero();
                DoubleVector b0 = zero(), b1 = zero(), b2 = zero(), b3 = zero();
                for (int r = 0; r < vectorRows; r += lanes) {
                    DoubleVector p = DoubleVector.fromArray(SPECIES, x, first + r).mul(DoubleVector.fromArray(SPECIES, x, second + r));
                    DoubleVector q = DoubleVector.fromArray(SPECIES, x, third + r).mul(DoubleVector.fromArray(SPECIES, x, fourth + r));
                    DoubleVector w0 = DoubleVector.fromArray(SPECIES, resp, r0 + r);
                    DoubleVector w1 = DoubleVector.fromArray(SPECIES, resp, r1 + r);
                    DoubleVector w2 = DoubleVector.fromArray(SPECIES, resp, r2 + r);
                    DoubleVector w3 = DoubleVector.fromArray(SPECIES, resp, r3 + r);
                    a0 = p.fma(w0, a0);
                    a1 = p.fma(w1, a1);
                    a2 = p.fma(w2, a2);
                    a3 = p.fma(w3, a3);
                    b0 = q.fma(w0, b0);
                    b1 = q.fma(w1, b1);
                    b2 = q.fma(w2, b2);
                    b3 = q.fma(w3, b3);
                }
                // lane-wise partial sums, reduced in lane order once at the end (reduceLanes' order is unspecified)
                int at = c * lanes;
                addInto(a0, laneSums[g], at);
                if (left > 1) addInto(a1, laneSums[g + 1], at);
                if (left > 2) addInto(a2, laneSums[g + 2], at);
                if (left > 3) addInto(a3, laneSums[g + 3], at);
                if (e != c) {
                    at = e * lanes;
                    addInto(b0, laneSums[g], at);
                    if (left > 1) addInto(b1, laneSums[g + 1], at);
                    if (left > 2) addInto(b2, laneSums[g + 2], at);
                    if (left > 3) addInto(b3, laneSums[g + 3], at);
                }
            }
        }
        for (int r = vectorRows; r < rows; r++) {                 // the rows after the last whole vector
            for (int j = 0; j < k; j++) {
                double weight = resp[j * CHUNK_ROWS + r];
                for (int c = 0; c < count; c++) {
                    sums[j][c] = Math.fma(feature(x, n, from + r, features, c), weight, sums[j][c]);
                }
            }
        }
    }

    /** Adds each feature's lane sums to its total, lane by lane in order (reduceLanes' order is unspecified). */
    private static void addLanes(double[][] laneSums, double[][] sums) {
        int lanes = SPECIES.length();
        for (int j = 0; j < sums.length; j++) {
            for (int c = 0; c < sums[j].length; c++) {
                double s = 0;
                for (int lane = 0; lane < lanes; lane++) {
                    s += laneSums[j][c * lanes + lane];
                }
                sums[j][c] += s;
            }
        }
    }

    private static void addTo(double[][] total, double[][] more) {
        for (int j = 0; j < total.length; j++) {
            for (int c = 0; c < total[j].length; c++) {
                total[j][c] += more[j][c];
            }
        }
    }

    private static void addInto(DoubleVector accumulator, double[] laneSums, int at) {
        accumulator.add(DoubleVector.fromArray(SPECIES, laneSums, at)).intoArray(laneSums, at);
    }

    private static int respColumn(int j, int k) {
        return Math.min(j, k - 1) * CHUNK_ROWS;
    }

    /** Feature c of row i, one value. */
    private static double feature(double[] x, int n, int i, Features features, int c) {
        return x[features.first[c] * n + i] * x[features.second[c] * n + i];
    }

    /** The weights with each row padded to whole groups of components (zeros). */
    private static double[] padComponents(double[] weights, int rows, int k) {
        int width = paddedWidth(k);
        double[] padded = new double[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(weights, r * k, padded, r * width, k);
        }
        return padded;
    }

    private static int paddedWidth(int k) {
        return (k + GROUP - 1) / GROUP * GROUP;
    }

    private static DoubleVector broadcast(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }

    private static DoubleVector zero() {
        return DoubleVector.zero(SPECIES);
    }
}
