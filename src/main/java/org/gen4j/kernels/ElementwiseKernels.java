package org.gen4j.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Element-by-element passes of the network layers and losses as one SIMD pass each (Java's vector API, see
 * {@link SimdKernels}), where ND4J takes several operations and allocations: the Bernoulli loss of a VAE's decoder
 * (eight ND4J operations for the score, four for the gradient: 19 % of a VAE step, measured) and the backward pass
 * of (leaky) ReLU (libnd4j's {@code relu_bp} on arrays of different orders: 7 %), a dense layer's bias and
 * activation, the Gaussian KL term and Adam's step. Values are computed in float64 and rounded once for float32
 * arrays (Adam: float32 as libnd4j computes it). Batch normalisation's per-channel passes are {@link ChannelKernels},
 * built on this class's chunked access to native memory.
 *
 * <p>Each method does its work and returns true when the kernels run in this JVM and the arrays suit them: all
 * float32 or all float64, one shape, one ordering with default strides (views by offset are fine). Otherwise it
 * writes nothing and returns false, and the caller takes its ND4J path.
 */
public final class ElementwiseKernels {
    static {
        org.gen4j.kernels.NativeRuntime.install();       // ND4J's operations keep their arrays alive under garbage collection (see NativeRuntime)
    }

    private ElementwiseKernels() {
    }

    /**
     * The Bernoulli log-likelihood on logits, element by element: {@code loss = softplus(l) − x l} (that is
     * −log p(x | l)) and {@code gradient = σ(l) − x} (its derivative in l). Either output may be null.
     *
     * @param x [n, d] targets in [0, 1] @param logits [n, d] @param loss [n, d] or null @param gradient [n, d] or null
     */
    public static boolean bernoulli(INDArray x, INDArray logits, INDArray loss, INDArray gradient) {
        if (!suit(x, logits, loss, gradient)) {
            return false;
        }
        Values targets = Values.of(x), raw = Values.of(logits);
        Values losses = loss == null ? null : Values.of(loss), gradients = gradient == null ? null : Values.of(gradient);
        double[] xs = chunk(), ls = chunk(), es = chunk(), out = chunk();
        forEachChunk(x.length(), (from, count, whole) -> {
            targets.read(from, xs, count);
            raw.read(from, ls, count);
            VectorElementwise.expOfMinusAbs(ls, es, whole);
            if (losses != null) {
                VectorElementwise.logOfOnePlus(es, out, whole);
                VectorElementwise.bernoulliLoss(xs, ls, out, out, whole);
                losses.write(from, out, count);
            }
            if (gradients != null) {
                VectorElementwise.bernoulliGradient(xs, ls, es, out, whole);
                gradients.write(from, out, count);
            }
        });
        return true;
    }

    /**
     * {@link #bernoulli} for {@code [n, d]} row-major arrays with the loss summed per row (−log p(x_i | l_i)) in the
     * same pass as the gradient: DL4J asks a loss for its gradient and then, with the same arrays, its score.
     * float32 arrays take {@link FloatBernoulliPass} (float32 arithmetic, row sums in float64).
     *
     * @param rowLoss [n], written
     */
    public static boolean bernoulliRows(INDArray x, INDArray logits, double[] rowLoss, INDArray gradient) {
        if (!suit(x, logits, gradient) || logits.rank() != 2 || logits.ordering() != 'c' || rowLoss.length != logits.rows()) {
            return false;
        }
        int width = (int) logits.columns();
        Values targets = Values.of(x), raw = Values.of(logits), gradients = Values.of(gradient);
        java.util.Arrays.fill(rowLoss, 0.0);
        if (gradient.dataType() == DataType.FLOAT) {                      // float32 lanes, no widening
            float[] xf = new float[VectorElementwise.CHUNK], lf = new float[VectorElementwise.CHUNK];
            float[] gf = new float[VectorElementwise.CHUNK], lossf = new float[VectorElementwise.CHUNK];
            int floatLanes = FloatBernoulliPass.LANES.length();
            forEachWindow(logits.length(), width, (from, count) -> {
                int whole = (count + floatLanes - 1) / floatLanes * floatLanes;
                targets.readFloats(from, xf, count, whole);
                raw.readFloats(from, lf, count, whole);
                FloatBernoulliPass.lossAndGradient(xf, lf, gf, lossf, whole);
                gradients.writeFloats(from, gf, count);
                forEachPlaneSegment(from, count, width, (row, start, end) -> rowLoss[row] += FloatBernoulliPass.sum(lossf, start, end));
            });
            return true;
        }
        double[] xs = chunk(), ls = chunk(), es = chunk(), out = chunk(), lanes = new double[VectorElementwise.DOUBLES.length()];
        forEachWindow(logits.length(), width, (from, count) -> {
            int whole = VectorElementwise.wholeVectors(count);
            targets.read(from, xs, count);
            raw.read(from, ls, count);
            VectorElementwise.expOfMinusAbs(ls, es, whole);
            VectorElementwise.bernoulliGradient(xs, ls, es, out, whole);
            gradients.write(from, out, count);
            VectorElementwise.logOfOnePlus(es, out, whole);
            VectorElementwise.bernoulliLoss(xs, ls, out, out, whole);
            forEachPlaneSegment(from, count, width, (row, start, end) -> rowLoss[row] += VectorElementwise.sums(out, null, start, end, lanes)[0]);
        });
        return true;
    }

    /**
     * {@code weight · KL(N(μ, e^lv) || N(0, I))} of each row of {@code [μ | lv]} ({@code 0.5 Σ μ² + e^lv − lv − 1})
     * and its gradient ({@code weight · μ}, {@code weight · (e^lv − 1) / 2}); either output may be null. A VAE's
     * latent parameters are a few thousand values, where ten ND4J operations cost more in overhead than the
     * arithmetic: plain Java on one copy.
     *
     * @param parameters [n, 2L] row-major @param perRow [n] or null @param gradient [n, 2L] row-major or null
     */
    public static boolean standardNormalKl(INDArray parameters, double weight, INDArray perRow, INDArray gradient) {
        if (!suit(parameters, gradient) || parameters.rank() != 2 || parameters.ordering() != 'c' || parameters.columns() % 2 != 0
                || (perRow != null && !(suit(perRow) && perRow.length() == parameters.rows() && perRow.dataType() == parameters.dataType()))) {
            return false;
        }
        int n = (int) parameters.rows(), width = (int) parameters.columns(), latent = width / 2;
        double[] values = new double[VectorElementwise.wholeVectors(n * width)];
        Values.of(parameters).readAll(values, n * width);
        double[] kl = new double[VectorElementwise.wholeVectors(n)];
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = 0; j < latent; j++) {
                double mean = values[i * width + j], logVariance = values[i * width + latent + j];
                double variance = Math.exp(logVariance);
                total += mean * mean + variance - logVariance - 1;
                values[i * width + j] = weight * mean;                                 // the gradient, in place
                values[i * width + latent + j] = weight * (variance - 1) / 2;
            }
            kl[i] = weight * total / 2;
        }
        if (perRow != null) {
            Values.of(perRow).writeAll(kl, n);
        }
        if (gradient != null) {
            Values.of(gradient).writeAll(values, n * width);
        }
        return true;
    }

    /**
     * The backward pass of ReLU ({@code slope} 0) and leaky ReLU: {@code out = ε} where {@code z > 0},
     * {@code slope · ε} elsewhere. {@code out} may be {@code epsilon} itself.
     *
     * @param z pre-activations @param epsilon dL/da, shaped like z @param out dL/dz, shaped like z
     */
    public static boolean wherePositive(INDArray z, INDArray epsilon, double slope, INDArray out) {
        if (!suit(z, epsilon, out)) {
            return false;
        }
        Values pre = Values.of(z), eps = Values.of(epsilon), result = Values.of(out);
        if (z.dataType() == DataType.FLOAT) {                         // float32 lanes, no widening
            float[] zf = new float[VectorElementwise.CHUNK], ef = new float[VectorElementwise.CHUNK], of = new float[VectorElementwise.CHUNK];
            forEachChunk(z.length(), (from, count, whole) -> {
                int floatWhole = wholeFloatVectors(count);
                pre.readFloats(from, zf, count, floatWhole);
                eps.readFloats(from, ef, count, floatWhole);
                VectorElementwise.wherePositive(zf, ef, (float) slope, of, floatWhole);
                result.writeFloats(from, of, count);
            });
            return true;
        }
        double[] zs = chunk(), es = chunk(), os = chunk();
        forEachChunk(z.length(), (from, count, whole) -> {
            pre.read(from, zs, count);
            eps.read(from, es, count);
            VectorElementwise.wherePositive(zs, es, slope, os, whole);
            result.write(from, os, count);
        });
        return true;
    }

    /**
     * A dense layer's output after its product: {@code pre = z + b} (the bias added to every row, kept for the
     * backward pass) and {@code z ← pre} rectified ({@code slope · pre} below zero; slope 1 for no activation), in
     * one pass where ND4J took a broadcast, a copy and the activation.
     *
     * @param z [n, m] row-major, overwritten @param bias [m] (any vector shape) @param pre [n, m] row-major, written
     */
    public static boolean denseOutput(INDArray z, INDArray bias, double slope, INDArray pre) {
        if (!suit(z, pre) || z.rank() != 2 || z.ordering() != 'c' || !suitAsVectors(bias) || bias.length() != z.columns()
                || bias.dataType() != z.dataType()) {
            return false;
        }
        int width = (int) z.columns();
        if (z.dataType() == DataType.FLOAT) {                         // float32 lanes, no widening
            float[] biasValues = new float[wholeFloatVectors(width)];
            Values.of(bias).readFloats(0, biasValues, width, biasValues.length);
            Values zs = Values.of(z), pres = Values.of(pre);
            float[] zc = new float[VectorElementwise.CHUNK], prec = new float[VectorElementwise.CHUNK], postc = new float[VectorElementwise.CHUNK];
            float rectifierSlope = (float) slope;
            forEachWindow(z.length(), width, (from, count) -> {
                zs.readFloats(from, zc, count, wholeFloatVectors(count));
                forEachPlaneSegment(from, count, width, (row, start, end) ->
                        VectorElementwise.biasAndRectifier(zc, start, end, biasValues, (from + start) % width, rectifierSlope, prec, postc));
                pres.writeFloats(from, prec, count);
                zs.writeFloats(from, postc, count);
            });
            return true;
        }
        double[] biasValues = new double[VectorElementwise.wholeVectors(width)];
        Values.of(bias).readAll(biasValues, width);
        Values zs = Values.of(z), pres = Values.of(pre);
        double[] zc = chunk(), prec = chunk(), postc = chunk();
        forEachWindow(z.length(), width, (from, count) -> {
            zs.read(from, zc, count);
            forEachPlaneSegment(from, count, width, (row, start, end) ->
                    VectorElementwise.biasAndRectifier(zc, start, end, biasValues, (from + start) % width, slope, prec, postc));
            pres.write(from, prec, count);
            zs.write(from, postc, count);
        });
        return true;
    }

    /**
     * One Adam step (see {@link FusedAdam}) on a parameter block: m and v updated in place, and the gradient
     * overwritten by the update α m / (√v + ε); subtracted from {@code params} in the same pass when they are given
     * (null: DL4J's step function subtracts it).
     *
     * @param gradient [n] (any vector shape), divided by {@code divisor} first (the minibatch size, or 1) @param m [n] @param v [n] @param alpha the step size, bias corrections included
     * @param params [n] or null
     */
    public static boolean adam(INDArray gradient, double divisor, INDArray m, INDArray v, double beta1, double beta2, double epsilon, double alpha,
                        INDArray params) {
        if (!suitAsVectors(gradient, m, v) || (params != null && !suitAsVectors(gradient, params))) {
            return false;
        }
        Values g = Values.of(gradient), means = Values.of(m), squares = Values.of(v), p = params == null ? null : Values.of(params);
        if (gradient.dataType() == DataType.FLOAT) {
            forEachChunkShared(gradient.length(), (from, count, whole) -> {
                float[][] scratch = FLOAT_SCRATCH.get();
                float[] gs = scratch[0], ms = scratch[1], vs = scratch[2], ps = p == null ? null : scratch[3];
                int floatWhole = wholeFloatVectors(count);
                g.readFloats(from, gs, count, floatWhole);
                means.readFloats(from, ms, count, floatWhole);
                squares.readFloats(from, vs, count, floatWhole);
                if (p != null) {
                    p.readFloats(from, ps, count, floatWhole);
                }
                VectorElementwise.adam(gs, (float) divisor, ms, vs, (float) beta1, (float) beta2, (float) epsilon, (float) alpha, ps, floatWhole);
                g.writeFloats(from, gs, count);
                means.writeFloats(from, ms, count);
                squares.writeFloats(from, vs, count);
                if (p != null) {
                    p.writeFloats(from, ps, count);
                }
            });
            return true;
        }
        forEachChunkShared(gradient.length(), (from, count, whole) -> {
            double[][] scratch = DOUBLE_SCRATCH.get();
            double[] gs = scratch[0], ms = scratch[1], vs = scratch[2], ps = p == null ? null : scratch[3];
            g.read(from, gs, count);
            means.read(from, ms, count);
            squares.read(from, vs, count);
            if (p != null) {
                p.read(from, ps, count);
            }
            VectorElementwise.adam(gs, divisor, ms, vs, beta1, beta2, epsilon, alpha, ps, whole);
            g.write(from, gs, count);
            means.write(from, ms, count);
            squares.write(from, vs, count);
            if (p != null) {
                p.write(from, ps, count);
            }
        });
        return true;
    }

    interface WindowPass {
        void run(int from, int count);
    }

    interface SegmentPass {
        /** @param plane which plane (image · channels + channel) @param start @param end in the window's chunk */
        void run(int plane, int start, int end);
    }

    /** Windows of whole planes (or, for planes longer than a chunk, of one plane's chunks). */
    static void forEachWindow(long length, int plane, WindowPass pass) {
        int n = (int) length;
        int window = plane <= VectorElementwise.CHUNK ? VectorElementwise.CHUNK / plane * plane : VectorElementwise.CHUNK;
        for (int from = 0; from < n; from += window) {
            pass.run(from, Math.min(window, n - from));
        }
    }

    static void forEachPlaneSegment(int from, int count, int plane, SegmentPass pass) {
        for (int k = 0; k < count; ) {
            int index = (from + k) / plane;
            int end = Math.min(count, (index + 1) * plane - from);
            pass.run(index, k, end);
            k = end;
        }
    }

    /** Vectors (or arrays with one dimension above 1) of one length and type, contiguous: their order does not matter. */
    private static boolean suitAsVectors(INDArray... arrays) {
        if (!SimdKernels.available()) {
            return false;
        }
        for (INDArray a : arrays) {
            boolean floating = a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE;
            if (!floating || a.isEmpty() || !(a.isVector() || a.isScalar()) || a.elementWiseStride() != 1
                    || a.dataType() != arrays[0].dataType() || a.length() != arrays[0].length() || !NativeArray.suits(a)) {
                return false;
            }
        }
        return true;
    }

    /** The arrays (nulls skipped) suit the kernels: see the class comment. */
    public static boolean suit(INDArray... arrays) {
        if (!SimdKernels.available()) {
            return false;
        }
        INDArray first = null;
        for (INDArray a : arrays) {
            if (a == null) {
                continue;
            }
            boolean floating = a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE;
            if (!floating || a.isEmpty() || !denseInItsOrder(a) || !NativeArray.suits(a)) {
                return false;
            }
            if (first == null) {
                first = a;
            } else if (a.dataType() != first.dataType() || a.ordering() != first.ordering() || !Arrays.equals(a.shape(), first.shape())) {
                return false;
            }
        }
        return first != null;
    }

    /** A row-major array whose values fill one block of memory (see {@link #denseInItsOrder}). */
    public static boolean denseRowMajor(INDArray a) {
        return a.ordering() == 'c' && denseInItsOrder(a);
    }

    /** The array's values fill one block of memory in its ordering ('c' or 'f'); strides of dimensions of size 1 do not matter. */
    private static boolean denseInItsOrder(INDArray a) {
        long[] shape = a.shape(), stride = a.stride();
        long expected = 1;
        for (int k = 0; k < shape.length; k++) {
            int dim = a.ordering() == 'c' ? shape.length - 1 - k : k;
            if (shape[dim] != 1 && stride[dim] != expected) {
                return false;
            }
            expected *= shape[dim];
        }
        return true;
    }

    private interface ChunkPass {
        /** @param count values in this chunk @param whole count rounded up to whole vectors */
        void run(int from, int count, int whole);
    }

    private static void forEachChunk(long length, ChunkPass pass) {
        int n = (int) length;
        for (int from = 0; from < n; from += VectorElementwise.CHUNK) {
            int count = Math.min(VectorElementwise.CHUNK, n - from);
            pass.run(from, count, VectorElementwise.wholeVectors(count));
        }
    }

    /** Chunks per shared block: 8 × 2048 values, a block's passes long enough to be worth a helper's wake-up. */
    private static final int CHUNKS_PER_BLOCK = 8;
    /** Per-thread chunk buffers for passes whose chunks run on {@link SharedWork}'s threads. */
    private static final ThreadLocal<float[][]> FLOAT_SCRATCH = ThreadLocal.withInitial(() -> new float[4][VectorElementwise.CHUNK]);
    private static final ThreadLocal<double[][]> DOUBLE_SCRATCH = ThreadLocal.withInitial(() -> new double[4][VectorElementwise.CHUNK]);

    /**
     * {@link #forEachChunk} with blocks of chunks shared between {@link SharedWork}'s threads while
     * {@link ProductSharing} shares the products: for passes whose chunks are independent and that keep their
     * buffers per thread.
     */
    private static void forEachChunkShared(long length, ChunkPass pass) {
        int n = (int) length, chunks = (n + VectorElementwise.CHUNK - 1) / VectorElementwise.CHUNK;
        if (!ProductSharing.active() || chunks <= CHUNKS_PER_BLOCK) {
            forEachChunk(length, pass);
            return;
        }
        int blocks = (chunks + CHUNKS_PER_BLOCK - 1) / CHUNKS_PER_BLOCK;
        SharedWork.run(blocks, block -> {
            int end = Math.min(n, (block + 1) * CHUNKS_PER_BLOCK * VectorElementwise.CHUNK);
            for (int from = block * CHUNKS_PER_BLOCK * VectorElementwise.CHUNK; from < end; from += VectorElementwise.CHUNK) {
                int count = Math.min(VectorElementwise.CHUNK, end - from);
                pass.run(from, count, VectorElementwise.wholeVectors(count));
            }
        });
    }

    /** count rounded up to whole float32 vectors. */
    private static int wholeFloatVectors(int count) {
        int lanes = VectorElementwise.FLOAT_LANES.length();
        return (count + lanes - 1) / lanes * lanes;
    }

    static double[] chunk() {
        return new double[VectorElementwise.CHUNK];
    }

    /** An array's values in native memory (through {@link NativeArray}), read and written a chunk at a time as float64. */
    public static final class Values {
        private final NativeArray memory;
        /** Per thread: passes may run on {@link SharedWork}'s threads, each reading and writing its own windows. */
        private static final ThreadLocal<float[]> WIDENING = ThreadLocal.withInitial(() -> new float[VectorElementwise.CHUNK]);

        private Values(NativeArray memory) {
            this.memory = memory;
        }

        public static Values of(INDArray a) {
            return new Values(NativeArray.of(a));
        }

        /** into[0, count) ← values from..from+count; into[count, whole vectors) ← 0. */
        void read(int from, double[] into, int count) {
            int whole = VectorElementwise.wholeVectors(count);
            if (!memory.isFloat()) {
                memory.read(from, into, 0, count);
                Arrays.fill(into, count, whole, 0.0);
                return;
            }
            float[] scratch = WIDENING.get();
            memory.read(from, scratch, 0, count);
            Arrays.fill(scratch, count, whole, 0f);
            VectorElementwise.widen(scratch, into, whole);
        }

        /** into[0, count) ← the first count values, a chunk at a time (into: whole vectors long). */
        public void readAll(double[] into, int count) {
            double[] piece = new double[VectorElementwise.CHUNK];
            for (int from = 0; from < count; from += VectorElementwise.CHUNK) {
                int n = Math.min(VectorElementwise.CHUNK, count - from);
                read(from, piece, n);
                System.arraycopy(piece, 0, into, from, n);
            }
        }

        public void writeAll(double[] values, int count) {
            double[] piece = new double[VectorElementwise.CHUNK];
            for (int from = 0; from < count; from += VectorElementwise.CHUNK) {
                int n = Math.min(VectorElementwise.CHUNK, count - from);
                System.arraycopy(values, from, piece, 0, n);
                write(from, piece, n);
            }
        }

        /** float32 arrays only: into[0, count) ← values; into[count, whole) ← 0. */
        void readFloats(int from, float[] into, int count, int whole) {
            memory.read(from, into, 0, count);
            Arrays.fill(into, count, whole, 0f);
        }

        void writeFloats(int from, float[] values, int count) {
            memory.write(from, values, 0, count);
        }

        void write(int from, double[] values, int count) {
            if (!memory.isFloat()) {
                memory.write(from, values, 0, count);
                return;
            }
            float[] scratch = WIDENING.get();
            VectorElementwise.narrow(values, scratch, VectorElementwise.wholeVectors(count));
            memory.write(from, scratch, 0, count);
        }
    }
}
