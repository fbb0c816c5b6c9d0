package org.gen4j.kernels;

import org.gen4j.kernels.ElementwiseKernels;
import org.gen4j.kernels.VectorElementwise;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Channel-by-channel SIMD passes for batch normalisation, over NCHW images {@code [b, c, h, w]} (channels are
 * planes) and over rows {@code [b, n]} (channels are columns): sums and sums of products per channel in float64, and
 * one affine pass {@code out = p · P + q · Q + R} with a scale and shift per channel. libnd4j's broadcasts along the
 * channels and its strided reductions over dimensions 0, 2, 3 took 11 % of a DCGAN iteration. The same rules as
 * {@link ElementwiseKernels}: each method works and returns true (or its sums) when the kernels take the arrays,
 * and does nothing otherwise.
 */
public final class ChannelKernels {
    private ChannelKernels() {
    }

    /**
     * Channel-by-channel arithmetic on NCHW images {@code [b, c, h, w]}: {@code out = p · P[ch] + q · Q[ch] + R[ch]}
     * for every value of channel ch ({@code q} and {@code Q} may be null). Batch normalisation is this, forward
     * (x · γ/σ + β − μγ/σ) and backward; libnd4j's broadcasts along the channels took 11 % of a DCGAN iteration.
     *
     * @param pScale [c] @param qScale [c] or null @param shift [c]
     */
    public static boolean perChannelAffine(INDArray p, double[] pScale, INDArray q, double[] qScale, double[] shift, INDArray out) {
        if (!ElementwiseKernels.suit(p, q, out) || p.rank() != 4) {
            return false;
        }
        int channels = (int) p.size(1), plane = (int) (p.size(2) * p.size(3));
        ElementwiseKernels.Values ps = ElementwiseKernels.Values.of(p), qs = q == null ? null : ElementwiseKernels.Values.of(q), os = ElementwiseKernels.Values.of(out);
        double[] pc = ElementwiseKernels.chunk(), qc = q == null ? null : ElementwiseKernels.chunk(), oc = ElementwiseKernels.chunk();
        ElementwiseKernels.forEachWindow(p.length(), plane, (from, count) -> {
            ps.read(from, pc, count);
            if (qs != null) {
                qs.read(from, qc, count);
            }
            ElementwiseKernels.forEachPlaneSegment(from, count, plane, (index, start, end) -> {
                int channel = index % channels;
                VectorElementwise.affine(pc, pScale[channel], qc, qScale == null ? 0 : qScale[channel], shift[channel], oc, start, end);
            });
            os.write(from, oc, count);
        });
        return true;
    }

    /**
     * Per image and channel of NCHW images: {@code Σ a} and {@code Σ a·b} over the plane, in float64.
     *
     * @param b like a, or null @return {@code [2][b·c]}: the sums and the sums of products (zeros without b), or null
     *         when the arrays do not suit the kernels
     */
    public static double[][] planeSums(INDArray a, INDArray b) {
        if (!ElementwiseKernels.suit(a, b) || a.rank() != 4) {
            return null;
        }
        int plane = (int) (a.size(2) * a.size(3));
        double[][] sums = new double[2][(int) (a.size(0) * a.size(1))];
        ElementwiseKernels.Values as = ElementwiseKernels.Values.of(a), bs = b == null ? null : ElementwiseKernels.Values.of(b);
        double[] ac = ElementwiseKernels.chunk(), bc = b == null ? null : ElementwiseKernels.chunk(), lanes = new double[VectorElementwise.DOUBLES.length()];
        ElementwiseKernels.forEachWindow(a.length(), plane, (from, count) -> {
            as.read(from, ac, count);
            if (bs != null) {
                bs.read(from, bc, count);
            }
            ElementwiseKernels.forEachPlaneSegment(from, count, plane, (index, start, end) -> {
                double[] segment = VectorElementwise.sums(ac, bc, start, end, lanes);
                sums[0][index] += segment[0];
                sums[1][index] += segment[1];
            });
        });
        return sums;
    }

    /**
     * {@link #perChannelAffine} for rows {@code [b, n]}, whose channels are the columns:
     * {@code out[i, j] = p[i, j] · P[j] + q[i, j] · Q[j] + R[j]}.
     *
     * @param pScale [n] @param qScale [n] or null @param shift [n]
     */
    public static boolean perColumnAffine(INDArray p, double[] pScale, INDArray q, double[] qScale, double[] shift, INDArray out) {
        if (!ElementwiseKernels.suit(p, q, out) || p.rank() != 2 || p.ordering() != 'c') {
            return false;
        }
        int width = (int) p.columns();
        double[] ps = padded(pScale), qs = qScale == null ? null : padded(qScale), rs = padded(shift);
        ElementwiseKernels.Values pv = ElementwiseKernels.Values.of(p), qv = q == null ? null : ElementwiseKernels.Values.of(q), ov = ElementwiseKernels.Values.of(out);
        double[] pc = ElementwiseKernels.chunk(), qc = q == null ? null : ElementwiseKernels.chunk(), oc = ElementwiseKernels.chunk();
        ElementwiseKernels.forEachWindow(p.length(), width, (from, count) -> {
            pv.read(from, pc, count);
            if (qv != null) {
                qv.read(from, qc, count);
            }
            ElementwiseKernels.forEachPlaneSegment(from, count, width, (row, start, end) ->
                    VectorElementwise.columnAffine(pc, ps, qc, qs, rs, (from + start) % width, oc, start, end));
            ov.write(from, oc, count);
        });
        return true;
    }

    /**
     * Per column of rows {@code [b, n]}: {@code Σ_i a[i, j]} and {@code Σ_i a[i, j] b[i, j]}, in float64.
     *
     * @param b like a, or null @return {@code [2][n]} (the second zeros without b), or null when the arrays do not suit
     */
    public static double[][] columnSums(INDArray a, INDArray b) {
        if (!ElementwiseKernels.suit(a, b) || a.rank() != 2 || a.ordering() != 'c') {
            return null;
        }
        int width = (int) a.columns();
        double[] sums = new double[VectorElementwise.wholeVectors(width)], products = new double[VectorElementwise.wholeVectors(width)];
        ElementwiseKernels.Values av = ElementwiseKernels.Values.of(a), bv = b == null ? null : ElementwiseKernels.Values.of(b);
        double[] ac = ElementwiseKernels.chunk(), bc = b == null ? null : ElementwiseKernels.chunk();
        ElementwiseKernels.forEachWindow(a.length(), width, (from, count) -> {
            av.read(from, ac, count);
            if (bv != null) {
                bv.read(from, bc, count);
            }
            ElementwiseKernels.forEachPlaneSegment(from, count, width, (row, start, end) ->
                    VectorElementwise.columnSums(ac, bc, sums, products, (from + start) % width, start, end));
        });
        return new double[][]{Arrays.copyOf(sums, width), Arrays.copyOf(products, width)};
    }

    /** A copy as long as whole vectors (zeros after), so that vector loads at its end stay inside it. */
    private static double[] padded(double[] values) {
        return Arrays.copyOf(values, VectorElementwise.wholeVectors(values.length));
    }
}
