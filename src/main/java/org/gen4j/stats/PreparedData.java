package org.gen4j.stats;

import org.gen4j.data.DataChecks;
import org.gen4j.kernels.PackedSymmetric;
import org.gen4j.kernels.SimdKernels;
import org.gen4j.kernels.VectorQuadraticForms;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * A block of data laid out for EM's matrix products: shifted by a fixed point (so that moment expansions do not
 * lose precision far from the origin), stored column-major as BLAS wants it, as one feature matrix
 * {@code [second-order features | x | 1]}. The second-order features are what the covariance type needs, computed
 * once: element-wise squares ({@code d} columns) for diagonal and spherical covariances, packed outer products
 * ({@code d(d+1)/2} columns) for full and tied ones. One product with this matrix gives a whole E-step's
 * log-densities (the column of ones carries each component's constant), and one product of the responsibilities
 * with it gives all of the M-step's sums (the ones give the effective counts).
 *
 * <p>Why column-major: ND4J 1.0.0-M2.1 copies row-major GEMM operands into column-major order first, which costs
 * more than the product itself for tall matrices. Products with these blocks go through {@link #project} and
 * {@link #weightedSums}.
 *
 * <p>With the SIMD kernels ({@link SimdKernels}, float64) the feature matrix is never built: only
 * {@code [x - shift | 1]} is kept, and {@link VectorQuadraticForms} forms each second-order feature in registers
 * (full covariance on the benchmark workload: two products of 9-11 ms each with OpenBLAS, 4-6 and 7-9 ms this
 * way, and 13.6 instead of 122 MB of memory). {@link #features()} builds the matrix on first use for callers that
 * need it.
 */
public final class PreparedData {
    private static final int TRANSPOSE_TILE_ROWS = 64;
    private INDArray features;            // [n, m + d + 1] = [second-order | shifted | 1], 'f'; built lazily with the kernels
    private final double[] shiftedWithOnes; // [n, d + 1] = [shifted | 1] column-major on the heap, for the SIMD kernels
    private final int secondOrderColumns; // m
    private final CovarianceType type;
    private INDArray original;            // [n, d] as given, for picking rows; from originalRows on first use
    private final double[] originalRows;  // [n, d] row-major on the heap when prepared from there, else null
    private final int columns;            // d
    private final INDArray shift;         // [1, d]
    private final INDArray rowWeights;    // [n, 1] what each row counts for, or null: one each

    private PreparedData(INDArray original, double[] originalRows, int columns, INDArray shift, INDArray features,
                         double[] shiftedWithOnes, int secondOrderColumns, CovarianceType type, INDArray rowWeights) {
        this.type = type;
        this.original = original;
        this.originalRows = originalRows;
        this.columns = columns;
        this.shift = shift;
        this.features = features;
        this.shiftedWithOnes = shiftedWithOnes;
        this.secondOrderColumns = secondOrderColumns;
        this.rowWeights = rowWeights;
    }

    /**
     * The same rows, each counting for its weight in every sum of the E- and M-step (a weight of k equals the row
     * k times). Weighted blocks take the unfused E-step: project, normalise, then the weighted sums.
     *
     * @param weights {@code [n]} finite, not negative
     */
    public PreparedData withRowWeights(INDArray weights) {
        return new PreparedData(original, originalRows, columns, shift, features, shiftedWithOnes, secondOrderColumns, type,
                weights == null ? null : weights.castTo(shift.dataType()).reshape(rows(), 1));
    }

    /** @return {@code [n, 1]} the rows' weights, or null when each row counts once */
    public INDArray rowWeights() {
        return rowWeights;
    }

    /** Σ of the rows' weights (the number of rows when unweighted). */
    public double totalWeight() {
        return rowWeights == null ? rows() : rowWeights.sumNumber().doubleValue();
    }

    /**
     * @param x     {@code [n, d]}
     * @param shift {@code [1, d]} the point moments are taken around
     */
    public static PreparedData of(INDArray x, INDArray shift, CovarianceType type) {
        INDArray rowShift = shift.castTo(x.dataType()).reshape(1, x.columns());
        int d = (int) x.columns();
        int m = isOuter(type) ? PackedSymmetric.size(d) : d;
        if (x.dataType() == DataType.DOUBLE && SimdKernels.fitsColumnMajorDoubles(x.rows(), d + 1)) {
            // the kernels form the second-order features in registers: only [x - shift | 1] is stored
            // (on the heap: the vector API's loads from native memory are too large for the JIT to inline in a loop)
            INDArray shiftedWithOnes = Nd4j.createUninitialized(x.dataType(), new long[]{x.rows(), d + 1}, 'f');
            fillShiftedWithOnes(shiftedWithOnes, x, rowShift);
            return new PreparedData(x, null, d, rowShift, null, shiftedWithOnes.data().asDouble(), m, type, null);
        }
        return new PreparedData(x, null, d, rowShift, featureMatrix(x, rowShift, type, m), null, m, type, null);
    }

    /**
     * Float64 rows held row-major on the heap ({@code [n, d]}: a Spark partition's cached block), prepared as
     * {@link #of} prepares them. With the SIMD kernels this is one pass on the heap, which checks that every value
     * is finite and writes {@code [x - shift | 1]}; the rows become an ND4J array only if a caller asks for one.
     * On a Spark executor this pass runs every EM iteration, where the ND4J route (copy in, check, shift, copy
     * out) took as long as the E-step itself.
     *
     * @param what names the data in the error a non-finite value raises
     */
    public static PreparedData ofRowMajor(double[] rows, int d, INDArray shift, CovarianceType type, String what) {
        int n = rows.length / d;
        if (!SimdKernels.fitsColumnMajorDoubles(n, d + 1)) {
            INDArray x = Nd4j.create(rows, new long[]{n, d}, 'c');
            DataChecks.requireFiniteMatrix(x, d, what);
            return of(x, shift, type);
        }
        double[] s = shift.castTo(DataType.DOUBLE).toDoubleVector();
        double[] shiftedWithOnes = new double[n * (d + 1)];
        // a tile of rows at a time: its values stay in the first-level cache while each column's run is written
        for (int tile = 0; tile < n; tile += TRANSPOSE_TILE_ROWS) {
            int end = Math.min(n, tile + TRANSPOSE_TILE_ROWS);
            for (int j = 0; j < d; j++) {
                for (int i = tile; i < end; i++) {
                    double value = rows[i * d + j];
                    if (!Double.isFinite(value)) {
                        DataChecks.requireFiniteMatrix(Nd4j.create(rows, new long[]{n, d}, 'c'), d, what);   // its error names the cell
                    }
                    shiftedWithOnes[j * n + i] = value - s[j];
                }
            }
        }
        Arrays.fill(shiftedWithOnes, d * n, (d + 1) * n, 1.0);
        int m = isOuter(type) ? PackedSymmetric.size(d) : d;
        return new PreparedData(null, rows, d, Nd4j.createFromArray(s).reshape(1, d), null, shiftedWithOnes, m, type, null);
    }

    /** The rows as given, as an ND4J array (made on first use when they were prepared from the heap). */
    private INDArray original() {
        if (original == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                original = Nd4j.create(originalRows, new long[]{originalRows.length / columns, columns}, 'c');
            }
        }
        return original;
    }

    private static boolean isOuter(CovarianceType type) {
        return type == CovarianceType.FULL || type == CovarianceType.TIED;
    }

    private static void fillShiftedWithOnes(INDArray target, INDArray x, INDArray rowShift) {
        int d = (int) x.columns();
        INDArray shifted = columns(target, 0, d);
        shifted.assign(x);
        shifted.subiRowVector(rowShift);
        columns(target, d, d + 1).assign(1.0);
    }

    private static INDArray featureMatrix(INDArray x, INDArray rowShift, CovarianceType type, int m) {
        int d = (int) x.columns();
        INDArray features = Nd4j.createUninitialized(x.dataType(), new long[]{x.rows(), m + d + 1}, 'f');
        fillShiftedWithOnes(columns(features, m, m + d + 1), x, rowShift);
        INDArray shifted = columns(features, m, m + d);
        if (isOuter(type)) {
            // columns (i, i..d-1) = x_i * x_(i..d-1), written in place: no temporaries
            int column = 0;
            for (int i = 0; i < d; i++) {
                Nd4j.getExecutioner().exec(new BroadcastMulOp(columns(shifted, i, d), shifted.getColumn(i),
                        columns(features, column, column + d - i), 0));
                column += d - i;
            }
        } else {
            Nd4j.getExecutioner().exec(new MulOp(shifted, shifted, columns(features, 0, d)));
        }
        return features;
    }

    private static INDArray columns(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    /** The same data prepared around another shift point. */
    public PreparedData reshifted(INDArray newShift) {
        return of(original(), newShift, type).withRowWeights(rowWeights);
    }

    /** The covariance type whose second-order features this holds. */
    public CovarianceType covarianceType() {
        return type;
    }

    /** @return {@code [1, d]} the point the data was shifted by */
    public INDArray shift() {
        return shift;
    }

    public long rows() {
        return original != null ? original.rows() : originalRows.length / columns;
    }

    /**
     * @return {@code [n, m + d + 1]}: the second-order features, the shifted data, then a column of ones (built on
     * first use when the SIMD kernels compute with them on the fly)
     */
    public INDArray features() {
        if (features == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                features = featureMatrix(original(), shift, type, secondOrderColumns);
            }
        }
        return features;
    }

    /**
     * The features times E-step weights: log-densities for all rows and components.
     *
     * @param weights {@code [m + d + 1, k]}
     * @return {@code [n, k]} column-major
     */
    public INDArray project(INDArray weights) {
        if (shiftedWithOnes != null && SimdKernels.fitsColumnMajorDoubles(rows(), weights.columns())) {
            return SimdKernels.project(shiftedWithOnes, (int) rows(), kernelFeatures(), weights);
        }
        return project(features(), weights);
    }

    /**
     * respᵀ features: the M-step's responsibility-weighted sums of every feature.
     *
     * @param resp {@code [n, k]}
     * @return {@code [k, m + d + 1]}
     */
    public INDArray weightedSums(INDArray resp) {
        if (shiftedWithOnes != null) {
            INDArray columnMajorResp = resp.ordering() == 'f' && resp.stride(0) == 1 ? resp : resp.dup('f');
            if (SimdKernels.isColumnMajorDoubles(columnMajorResp)) {
                return SimdKernels.weightedSums(columnMajorResp, shiftedWithOnes, kernelFeatures());
            }
        }
        return weightedSums(resp, features());
    }

    /**
     * One E-step's totals for the M-step: what {@link GaussianStatistics#add} needs from the responsibilities and
     * log-likelihoods, without keeping them.
     *
     * @param weightedSums        {@code [k, m + d + 1]} respᵀ features
     * @param logLikelihoodSum    Σ_i log p(x_i)
     * @param worstRow            the row with the lowest log p(x_i) (the first of equals)
     * @param worstLogLikelihood  its log p(x_i)
     */
    public record ExpectationTotals(INDArray weightedSums, double logLikelihoodSum, int worstRow, double worstLogLikelihood) {
    }

    /**
     * The E-step with these log-density weights (see {@link GaussianComponents#logDensityWeights}) and its totals
     * for the M-step. With the SIMD kernels one fused pass; otherwise {@link #project}, {@link LogSumExp} and
     * {@link #weightedSums}.
     *
     * @param weights {@code [m + d + 1, k]}
     */
    public ExpectationTotals expectationTotals(INDArray weights) {
        if (rowWeights != null) {
            return weightedExpectationTotals(weights);
        }
        if (shiftedWithOnes != null) {
            SimdKernels.Totals totals = SimdKernels.expectationTotals(shiftedWithOnes, (int) rows(), kernelFeatures(), weights);
            return new ExpectationTotals(totals.weightedSums(), totals.logLikelihoodSum(), totals.worstRow(),
                    totals.worstLogLikelihood());
        }
        LogSumExp.Normalized normalized = LogSumExp.normalizeRows(project(weights));
        INDArray logNorm = normalized.logSums();
        int worst = Nd4j.argMin(logNorm).getInt(0);
        return new ExpectationTotals(weightedSums(normalized.probabilities()), logNorm.sumNumber().doubleValue(),
                worst, logNorm.getDouble(worst));
    }

    /** The E-step of weighted rows: responsibilities and log-likelihoods scaled by each row's weight. */
    private ExpectationTotals weightedExpectationTotals(INDArray weights) {
        LogSumExp.Normalized normalized = LogSumExp.normalizeRows(project(weights));
        INDArray logNorm = normalized.logSums().reshape(rows(), 1);                            // [n, 1]
        INDArray resp = normalized.probabilities().mulColumnVector(rowWeights);               // [n, k]
        double logLikelihoodSum = logNorm.mul(rowWeights).sumNumber().doubleValue();
        // the worst-explained row among those that count (a re-seeded component should not land on a weight-0 row)
        double[] ll = logNorm.toDoubleVector();
        double[] w = rowWeights.toDoubleVector();
        int worst = -1;
        for (int i = 0; i < ll.length; i++) {
            if (w[i] > 0 && (worst < 0 || ll[i] < ll[worst])) {
                worst = i;
            }
        }
        worst = Math.max(worst, 0);
        return new ExpectationTotals(weightedSums(resp), logLikelihoodSum, worst, ll[worst]);
    }

    private VectorQuadraticForms.Features kernelFeatures() {
        int d = columns;
        return isOuter(type) ? VectorQuadraticForms.Features.upperTriangle(d) : VectorQuadraticForms.Features.squares(d);
    }

    /** m, the number of second-order feature columns */
    public int secondOrderColumns() {
        return secondOrderColumns;
    }

    /** @return {@code [n]} squared distance of each row from the shift point */
    public INDArray squaredNorms() {
        int d = columns;
        INDArray shifted = shiftedWithOnes != null
                ? Nd4j.createFromArray(Arrays.copyOf(shiftedWithOnes, (int) rows() * d)).reshape('f', rows(), d)
                : columns(features, secondOrderColumns, secondOrderColumns + d);
        return shifted.mul(shifted).sum(1);
    }

    public INDArray originalRow(int i) {
        return original().getRow(i, true);
    }

    /** data [n, m] times weights [m, k], as a column-major {@code [n, k]}. */
    public static INDArray project(INDArray columnMajorData, INDArray weights) {
        // column-major [n, k] output: the n rows are BLAS's long dimension (1.4x faster here than a [k, n] product)
        INDArray out = Nd4j.createUninitialized(columnMajorData.dataType(), new long[]{columnMajorData.rows(), weights.columns()}, 'f');
        Nd4j.gemm(columnMajorData, weights.dup('f'), out, false, false, 1.0, 0.0);
        return out;
    }

    /** Row-major data [n, m] times weights [m, k], as a row-major {@code [n, k]}, without copying the data. */
    public static INDArray projectRows(INDArray rowMajorData, INDArray weights) {
        INDArray out = Nd4j.createUninitialized(rowMajorData.dataType(), new long[]{weights.columns(), rowMajorData.rows()}, 'f');
        // the transpose of row-major data is a column-major view: BLAS reads it in place
        Nd4j.gemm(weights, rowMajorData.transpose(), out, true, false, 1.0, 0.0);
        return out.transpose();
    }

    /** respᵀ data: for each component the responsibility-weighted column sums. @return {@code [k, m]} */
    public static INDArray weightedSums(INDArray resp, INDArray columnMajorData) {
        // computed as (dataᵀ resp)ᵀ: both operands are then column-major as BLAS reads them, where respᵀ would be a
        // row-major view that ND4J copies first (this product took twice the E-step's time that way)
        INDArray columnMajorResp = resp.ordering() == 'f' ? resp : resp.dup('f');
        INDArray out = Nd4j.createUninitialized(columnMajorData.dataType(), new long[]{columnMajorData.columns(), resp.columns()}, 'f');
        Nd4j.gemm(columnMajorData, columnMajorResp, out, true, false, 1.0, 0.0);
        return out.transpose();
    }
}
