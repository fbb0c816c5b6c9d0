package org.gen4j.nn;

import org.gen4j.kernels.ChannelKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-channel arithmetic on a batch: the channels of {@code [b, n]} rows are its columns, those of NCHW images
 * {@code [b, c, h, w]} the c planes of each image. Images are seen as {@code [b·c, h·w]} rows, so that every
 * reduction and broadcast runs over contiguous rows (libnd4j's reductions over dimensions 0, 2, 3 are strided).
 */
final class ChannelLayout {
    private final long batch;
    private final long channels;
    private final boolean images;

    private ChannelLayout(long batch, long channels, boolean images) {
        this.batch = batch;
        this.channels = channels;
        this.images = images;
    }

    /** @param x {@code [b, n]} or {@code [b, c, h, w]}, row-major */
    static ChannelLayout of(INDArray x) {
        return new ChannelLayout(x.size(0), x.size(1), x.rank() == 4);
    }

    /** Values per channel: the batch size for rows, b·h·w for images. */
    long countPerChannel(INDArray x) {
        return x.length() / channels;
    }

    /** @return {@code [c]} the sum of each channel of {@code a} (shaped like the batch) */
    INDArray sums(INDArray a) {
        if (!images) {
            return a.sum(0);
        }
        return rows(a).sum(1).reshape(batch, channels).sum(0);
    }

    /** @return {@code [c]} each channel's mean */
    INDArray means(INDArray x) {
        return sums(x).divi(countPerChannel(x));
    }

    /** @return {@code [c]} each channel's (biased) variance, given its mean */
    INDArray variances(INDArray x, INDArray means) {
        if (!images) {
            return x.var(false, 0);
        }
        // per image and channel first (contiguous rows), then combined: the plane means' spread around the
        // channel mean adds to the mean within-plane variance (all planes have h·w values)
        INDArray planes = rows(x);
        INDArray planeMeans = planes.mean(1).reshape(batch, channels);
        INDArray planeVariances = planes.var(false, 1).reshape(batch, channels);
        INDArray spread = Transforms.pow(planeMeans.subiRowVector(means.reshape(1, channels)), 2, false);
        return planeVariances.addi(spread).mean(0);
    }

    /**
     * {@code [c]} each channel's mean and (biased) variance: one SIMD pass over images when the kernels take them
     * (Σx and Σx² per plane, in float64), ND4J's reductions otherwise.
     */
    INDArray[] meansAndVariances(INDArray x) {
        double[][] channelSums = channelSums(x, x);
        if (channelSums == null) {
            INDArray means = means(x);
            return new INDArray[]{means, variances(x, means)};
        }
        double m = countPerChannel(x);
        double[] sums = channelSums[0], squares = channelSums[1];
        double[] means = new double[(int) channels], variances = new double[(int) channels];
        for (int c = 0; c < channels; c++) {
            means[c] = sums[c] / m;
            variances[c] = Math.max(0, squares[c] / m - means[c] * means[c]);
        }
        return new INDArray[]{Nd4j.createFromArray(means).castTo(x.dataType()), Nd4j.createFromArray(variances).castTo(x.dataType())};
    }

    /**
     * {@code [2][c]}: each channel's Σa and Σa·b (b may be null: zeros) from the SIMD kernels, or null when they do
     * not take the arrays.
     */
    double[][] channelSums(INDArray a, INDArray b) {
        if (!images) {
            return ChannelKernels.columnSums(a, b);
        }
        double[][] planes = ChannelKernels.planeSums(a, b);
        return planes == null ? null : new double[][]{perChannel(planes[0]), perChannel(planes[1])};
    }

    /** out = p · P + q · Q + R channel by channel, by the SIMD kernels (q, Q may be null); false when they do not apply. */
    boolean channelAffine(INDArray p, double[] pScale, INDArray q, double[] qScale, double[] shift, INDArray out) {
        return images ? ChannelKernels.perChannelAffine(p, pScale, q, qScale, shift, out)
                : ChannelKernels.perColumnAffine(p, pScale, q, qScale, shift, out);
    }

    /** Per-plane values {@code [b·c]} summed over the batch: {@code [c]}. */
    double[] perChannel(double[] planes) {
        double[] totals = new double[(int) channels];
        for (int i = 0; i < batch; i++) {
            for (int c = 0; c < channels; c++) {
                totals[c] += planes[(int) (i * channels + c)];
            }
        }
        return totals;
    }

    /** out = a · scale + shift, channel by channel ({@code shift} may be null); a and out row-major. @return out */
    INDArray scaleAndShift(INDArray a, INDArray scale, INDArray shift, INDArray out) {
        if (channelAffine(a, scale.toDoubleVector(), null, null, shift == null ? new double[(int) channels] : shift.toDoubleVector(), out)) {
            return out;
        }
        if (!images) {
            Nd4j.getExecutioner().exec(new BroadcastMulOp(a, scale.reshape(channels), out, 1));
            return shift == null ? out : out.addiRowVector(shift.reshape(1, channels));
        }
        INDArray outRows = rows(out);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(rows(a), perPlane(scale), outRows, 0));
        if (shift != null) {
            outRows.addiColumnVector(perPlane(shift).reshape(batch * channels, 1));
        }
        return out;
    }

    private INDArray rows(INDArray a) {
        return images ? a.reshape('c', batch * channels, a.length() / (batch * channels)) : a;
    }

    /** A channel vector repeated for every image: {@code [b·c]}. */
    private INDArray perPlane(INDArray channelVector) {
        return Nd4j.tile(channelVector.reshape(1, channels), (int) batch, 1).reshape(batch * channels);
    }
}
