package org.gen4j.stats;

import org.gen4j.kernels.SimdKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * log Σ exp over the columns of each row, shifted by the row maximum so that nothing overflows or underflows.
 * Column-major float64 input takes one SIMD pass ({@link SimdKernels}) where the JVM allows it.
 */
public final class LogSumExp {
    private LogSumExp() {
    }

    /**
     * Both log Σ_k exp a_ik and the normalised probabilities exp(a_ik) / Σ_k exp a_ik, with one exponential pass.
     *
     * @param a {@code [n, k]}, overwritten
     */
    public static Normalized normalizeRows(INDArray a) {
        if (SimdKernels.isColumnMajorDoubles(a)) {
            return new Normalized(a, SimdKernels.logSumExpOfRows(a, true));
        }
        INDArray max = a.max(true, 1);                                              // [n, 1]
        if (max.minNumber().doubleValue() == Double.NEGATIVE_INFINITY) {
            BooleanIndexing.replaceWhere(max, 0.0, Conditions.isInfinite());
        }
        INDArray probabilities = Transforms.exp(a.subiColumnVector(max), false);   // [n, k], unnormalised
        INDArray sums = probabilities.sum(true, 1);                                 // [n, 1]
        probabilities.diviColumnVector(sums);
        INDArray logSums = Transforms.log(sums, false).addi(max).reshape(a.rows());
        return new Normalized(probabilities, logSums);
    }

    /** @param probabilities {@code [n, k]} rows summing to 1 @param logSums {@code [n]} */
    public record Normalized(INDArray probabilities, INDArray logSums) {
    }

    /** @param a {@code [n, k]}  @return {@code [n]} */
    public static INDArray ofRows(INDArray a) {
        if (SimdKernels.isColumnMajorDoubles(a)) {
            return SimdKernels.logSumExpOfRows(a, false);
        }
        INDArray max = a.max(true, 1);                                              // [n, 1]
        // a row of all -inf has log-sum-exp -inf; shifting by 0 keeps it from becoming NaN
        BooleanIndexing.replaceWhere(max, 0.0, Conditions.isInfinite());
        INDArray sum = Transforms.exp(a.subColumnVector(max), false).sum(true, 1);  // [n, 1]
        return Transforms.log(sum, false).addi(max).reshape(a.rows());
    }
}
