package org.gen4j.kernels;

import org.gen4j.kernels.VectorLogSumExp;
import org.gen4j.kernels.VectorQuadraticForms;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;


/**
 * Whether gen4j's SIMD kernels (Java's vector API, {@code jdk.incubator.vector}) run in this JVM, and the bridge
 * from ND4J arrays to them. They do EM's float64 hot loops for Gaussian mixtures and HMMs:
 * {@link VectorQuadraticForms} (the E-step's log-densities and the M-step's weighted moments, with the
 * second-order features formed in registers instead of an n × d(d+1)/2 matrix that OpenBLAS multiplies slowly) and
 * {@link VectorLogSumExp} (one pass, with gen4j's own vector {@code exp} and {@code log}, where libnd4j's generic
 * build takes five passes and computes {@code exp} one value at a time), fused over chunks of rows in an EM fit.
 * Full-covariance EM iteration of the benchmark workload: ~40 ms with ND4J operations, ~18 ms with the kernels.
 * The networks' element-by-element kernels ({@code org.gen4j.kernels.ElementwiseKernels}) run under the same switch.
 *
 * <p>The kernels run when the JVM was started with {@code --add-modules jdk.incubator.vector} (the {@code gen4j}
 * launcher and the test runner do), the ND4J backend is the CPU one, the CPU has vectors of at least four doubles
 * (AVX2 or AVX-512), and the system property {@code gen4j.simd} is not {@code false}. Otherwise the same results
 * come from ND4J operations. In your own JVM:
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp ... MyApp      // "WARNING: Using incubator modules" is expected
 * System.out.println(SimdKernels.describe());
 * }</pre>
 */
public final class SimdKernels {
    static {
        org.gen4j.kernels.NativeRuntime.install();       // ND4J's operations keep their arrays alive under garbage collection (see NativeRuntime)
    }

    static final String MODULE = "jdk.incubator.vector";
    private static final boolean AVAILABLE = detect();

    private SimdKernels() {
    }

    /** True when the vector kernels are used in this JVM. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** One line for {@code gen4j info}: which kernels run, and why not when they do not. */
    public static String describe() {
        if (AVAILABLE) {
            return "jdk.incubator.vector, " + VectorLogSumExp.lanes() + " doubles per vector (EM products, log-sum-exp; networks' element-by-element passes, Adam, batch norm)";
        }
        if ("false".equals(System.getProperty("gen4j.simd"))) {
            return "off (-Dgen4j.simd=false): ND4J operations";
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return "off (start java with --add-modules " + MODULE + "): ND4J operations";
        }
        return cpuBackend() ? "off (this CPU has vectors of fewer than 4 doubles): ND4J operations"
                : "off (not the CPU backend): ND4J operations";
    }

    private static boolean detect() {
        return !"false".equals(System.getProperty("gen4j.simd"))
                && ModuleLayer.boot().findModule(MODULE).isPresent()
                && cpuBackend()
                && VectorLogSumExp.lanes() >= 4;       // narrower vectors (or none) take the vector API's slow Java path
    }

    /** Whether ND4J runs on its CPU backend (whose arrays live in host memory that Java can read). */
    public static boolean cpuBackend() {
        return NativeArray.hostMemory();
    }

    /** A float64 {@code [n, k]} matrix stored column by column, small enough for int byte offsets. */
    public static boolean isColumnMajorDoubles(INDArray a) {
        return AVAILABLE && a.dataType() == DataType.DOUBLE && a.rank() == 2 && a.rows() > 0 && a.columns() > 0
                && a.stride(0) == 1 && a.stride(1) == a.rows() && NativeArray.suits(a);
    }

    /** Whether a float64 {@code [rows, columns]} matrix of its own could go through the kernels. */
    public static boolean fitsColumnMajorDoubles(long rows, long columns) {
        return AVAILABLE && rows > 0 && columns > 0 && rows * columns * Double.BYTES <= Integer.MAX_VALUE;
    }

    /**
     * q(X) W without forming q(X) (see {@link VectorQuadraticForms}).
     *
     * @param shiftedWithOnes column-major {@code [n, d + 1]} on the heap
     * @param weights         {@code [features, k]}
     * @return column-major {@code [n, k]}
     */
    public static INDArray project(double[] shiftedWithOnes, int n, VectorQuadraticForms.Features features, INDArray weights) {
        int k = (int) weights.columns();
        INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, new long[]{n, k}, 'f');
        VectorQuadraticForms.project(shiftedWithOnes, n, features, rowMajorDoubles(weights), k, NativeArray.of(out));
        return out;
    }

    /**
     * The fused E-step pass with its totals for the M-step: responsibility-weighted feature sums {@code [k, m + d + 1]},
     * the sum of the rows' log-likelihoods, and the least explained row with its log-likelihood.
     */
    public record Totals(INDArray weightedSums, double logLikelihoodSum, int worstRow, double worstLogLikelihood) {
    }

    /** See {@link Totals}. */
    public static Totals expectationTotals(double[] shiftedWithOnes, int n,
                                                            VectorQuadraticForms.Features features, INDArray weights) {
        VectorQuadraticForms.PassTotals pass = VectorQuadraticForms.expectationTotals(shiftedWithOnes, n, features,
                rowMajorDoubles(weights), (int) weights.columns());
        return new Totals(Nd4j.createFromArray(pass.weightedSums()), pass.logLikelihoodSum(),
                pass.worstRow(), pass.worstLogLikelihood());
    }

    /** {@code [rows, k]} as float64 values row by row. */
    private static double[] rowMajorDoubles(INDArray weights) {
        return weights.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /**
     * Rᵀ q(X) without forming q(X).
     *
     * @param resp            column-major {@code [n, k]}
     * @param shiftedWithOnes column-major {@code [n, d + 1]} on the heap
     * @return {@code [k, features]}
     */
    public static INDArray weightedSums(INDArray resp, double[] shiftedWithOnes, VectorQuadraticForms.Features features) {
        double[][] sums = VectorQuadraticForms.weightedSums(NativeArray.of(resp), (int) resp.columns(),
                shiftedWithOnes, (int) resp.rows(), features);
        return Nd4j.createFromArray(sums);
    }

    /**
     * Row log-sum-exp of a column-major {@code [n, k]} (see {@link #isColumnMajorDoubles}), and with
     * {@code normalise} the rows overwritten by their softmax.
     *
     * @return {@code [n]}
     */
    public static INDArray logSumExpOfRows(INDArray a, boolean normalise) {
        INDArray logSums = Nd4j.createUninitialized(DataType.DOUBLE, a.rows());
        VectorLogSumExp.ofRows(NativeArray.of(a), (int) a.rows(), (int) a.columns(), NativeArray.of(logSums), normalise);
        return logSums;
    }
}
