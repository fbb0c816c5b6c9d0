package org.gen4j.eval;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The squared maximum mean discrepancy between two samples with a Gaussian kernel (Gretton et al. 2012), unbiased:
 * close to 0 (it can dip below) when both come from one distribution. The bandwidth defaults to the median distance
 * between the pooled points.
 */
public final class KernelMmd {
    private KernelMmd() {
    }

    public static double of(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE), y = b.castTo(DataType.DOUBLE);
        double median = Distances.median(Distances.squared(org.nd4j.linalg.factory.Nd4j.concat(0, x, y), org.nd4j.linalg.factory.Nd4j.concat(0, x, y)));
        return of(a, b, Math.sqrt(Math.max(median, 1e-12)));
    }

    /** @param bandwidth the kernel's length scale σ in {@code exp(-|u - v|^2 / (2 σ^2))} */
    public static double of(INDArray a, INDArray b, double bandwidth) {
        if (a.rows() < 2 || b.rows() < 2 || a.columns() != b.columns()) {
            throw new Gen4jException("MMD needs two sets of at least 2 rows of equal width, got " + a.rows() + "x" + a.columns()
                    + " and " + b.rows() + "x" + b.columns());
        }
        INDArray x = a.castTo(DataType.DOUBLE), y = b.castTo(DataType.DOUBLE);
        double scale = -1 / (2 * bandwidth * bandwidth);
        double xx = offDiagonalMean(Transforms.exp(Distances.squared(x, x).muli(scale), false));
        double yy = offDiagonalMean(Transforms.exp(Distances.squared(y, y).muli(scale), false));
        double xy = Transforms.exp(Distances.squared(x, y).muli(scale), false).meanNumber().doubleValue();
        return xx + yy - 2 * xy;
    }

    private static double offDiagonalMean(INDArray kernel) {
        long n = kernel.rows();
        return (kernel.sumNumber().doubleValue() - Distances.trace(kernel)) / (n * (n - 1));
    }
}
