package org.gen4j.stats;

import org.gen4j.kernels.PackedSymmetric;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Weighted Gaussian sufficient statistics of one EM pass (weights: mixture responsibilities or HMM state
 * posteriors), summable over mini-batches, and the M-step that turns them into new Gaussians. Moments are taken in the shifted coordinates of {@link PreparedData}; every batch of a pass must
 * use the same shift. Components that lost (almost) all their mass are re-seeded at the worst-explained sample,
 * so a fit never produces NaN.
 */
public final class GaussianStatistics implements java.io.Serializable {
    /** Effective counts below this are treated as an empty component (less than a millionth of a sample). */
    static final double EMPTY_COMPONENT = 1e-6;

    private final CovarianceType type;
    private INDArray shift;            // [1, d]
    private INDArray nk;               // [k]
    private INDArray sums;             // [k, d], shifted
    private INDArray secondMoments;    // [k, p] or [k, d], shifted
    private long count;
    private double weight;             // Σ of the rows' weights (= count when unweighted)
    private double logLikelihoodSum;
    private INDArray worstRow;         // [1, d], original coordinates
    private double worstLogLikelihood = Double.POSITIVE_INFINITY;

    /** Statistics that take the shift of the first batch added, and bring later batches to it. */
    public GaussianStatistics(CovarianceType type) {
        this(type, null);
    }

    public GaussianStatistics(CovarianceType type, INDArray shift) {
        this.type = type;
        this.shift = shift;
    }

    /**
     * Adds a batch.
     *
     * @param resp    {@code [b, k]}
     * @param logNorm {@code [b]} log p(x_i) under the current model, or {@code null} at initialisation
     */
    public void add(PreparedData batch, INDArray resp, INDArray logNorm) {
        batch = onShift(batch);
        INDArray rowWeights = batch.rowWeights();                                             // [b, 1] or null
        if (rowWeights != null) {
            resp = resp.mulColumnVector(rowWeights);                                         // a weight of k counts k-fold
        }
        if (logNorm != null) {
            int worst = Nd4j.argMin(logNorm).getInt(0);
            double sum = rowWeights == null ? logNorm.sumNumber().doubleValue()
                    : logNorm.reshape(rowWeights.shape()).mul(rowWeights).sumNumber().doubleValue();
            accumulate(batch, batch.weightedSums(resp), sum, worst, logNorm.getDouble(worst));
        } else {
            // no model yet: the sample farthest from the shift point is the least explained
            INDArray distance = batch.squaredNorms();
            int worst = Nd4j.argMax(distance).getInt(0);
            accumulate(batch, batch.weightedSums(resp), 0, worst, -distance.getDouble(worst));
        }
    }

    /**
     * Adds a batch's E-step, given as the weights of its log-densities: the fused pass of
     * {@link PreparedData#expectationTotals} (one pass over the data with the SIMD kernels).
     *
     * @param weights {@code [m + d + 1, k]} from {@link GaussianComponents#logDensityWeights}, for the batch's shift
     */
    public void addExpectation(PreparedData batch, java.util.function.Function<PreparedData, INDArray> weights) {
        batch = onShift(batch);
        PreparedData.ExpectationTotals totals = batch.expectationTotals(weights.apply(batch));
        accumulate(batch, totals.weightedSums(), totals.logLikelihoodSum(), totals.worstRow(), totals.worstLogLikelihood());
    }

    /**
     * The point this pass takes its moments around, as numbers: the one set by an earlier batch, else
     * {@code proposed} (which becomes it). For {@link #addExpected}.
     */
    public double[] shiftOr(double[] proposed, DataType dataType) {
        if (shift == null) {
            shift = Nd4j.createFromArray(proposed).castTo(dataType).reshape(1, proposed.length);
        }
        return shift.castTo(DataType.DOUBLE).toDoubleVector();
    }

    /**
     * Adds expected statistics computed elsewhere (rows with missing values, {@link ObservedGaussians}): per
     * component its weight, Σ w E[x − s] and Σ w E[(x − s)(x − s)ᵀ] (upper triangle used) around the shift s of
     * {@link #shiftOr}, as if from {@code rows} rows.
     *
     * @param worstRow where an emptied component is re-seeded, in original coordinates
     */
    public void addExpected(double[] counts, double[][] shiftedSums, double[][][] shiftedMoments, long rows, double[] worstRow) {
        int k = counts.length;
        int d = shift.columns() > 0 ? (int) shift.columns() : 0;
        boolean outer = type == CovarianceType.FULL || type == CovarianceType.TIED;
        double[][] packed = new double[k][outer ? PackedSymmetric.size(d) : d];
        for (int j = 0; j < k; j++) {
            int column = 0;
            for (int a = 0; a < d; a++) {
                for (int b = a; b < (outer ? d : a + 1); b++) {          // the packed upper triangle, or the diagonal
                    packed[j][column++] = shiftedMoments[j][a][b];
                }
            }
        }
        DataType dataType = shift.dataType();
        INDArray batchNk = Nd4j.createFromArray(counts).castTo(dataType);
        INDArray batchSums = Nd4j.createFromArray(shiftedSums).castTo(dataType);
        INDArray batchMoments = Nd4j.createFromArray(packed).castTo(dataType);
        nk = nk == null ? batchNk : nk.addi(batchNk);
        sums = sums == null ? batchSums : sums.addi(batchSums);
        secondMoments = secondMoments == null ? batchMoments : secondMoments.addi(batchMoments);
        count += rows;
        weight += rows;
        if (worstRow != null && this.worstRow == null) {
            this.worstRow = Nd4j.createFromArray(worstRow).castTo(dataType).reshape(1, d);
        }
    }

    /** The batch in this pass's shift point (the first batch's). */
    private PreparedData onShift(PreparedData batch) {
        if (shift == null) {
            shift = batch.shift();
            return batch;
        }
        // moments summed over batches must share one shift point
        return batch.shift().equals(shift) ? batch : batch.reshifted(shift);
    }

    /** @param all {@code [k, m + d + 1]} the batch's respᵀ features */
    private void accumulate(PreparedData batch, INDArray all, double logLikelihoodSum, int worst, double worstValue) {
        int m = batch.secondOrderColumns();
        int counts = (int) all.columns() - 1;
        INDArray batchMoments = all.get(NDArrayIndex.all(), NDArrayIndex.interval(0, m));
        INDArray batchSums = all.get(NDArrayIndex.all(), NDArrayIndex.interval(m, counts));
        INDArray batchNk = all.getColumn(counts).dup();                                       // the column of ones
        nk = nk == null ? batchNk : nk.addi(batchNk);
        sums = sums == null ? batchSums.dup() : sums.addi(batchSums);
        secondMoments = secondMoments == null ? batchMoments.dup() : secondMoments.addi(batchMoments);
        count += batch.rows();
        weight += batch.totalWeight();
        this.logLikelihoodSum += logLikelihoodSum;
        if (worstValue < worstLogLikelihood) {
            worstLogLikelihood = worstValue;
            worstRow = batch.originalRow(worst).dup();
        }
    }

    /**
     * Adds the statistics of another part of the data (a partition summed elsewhere) under the same parameters: the
     * result is that of one pass over both parts, up to the order of the sums. Moments taken around another shift
     * point are moved to this one first.
     */
    public void merge(GaussianStatistics other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            shift = shift == null ? other.shift : shift;
        }
        INDArray[] moved = other.aroundShift(shift);
        nk = nk == null ? other.nk.dup() : nk.addi(other.nk);
        sums = sums == null ? moved[0] : sums.addi(moved[0]);
        secondMoments = secondMoments == null ? moved[1] : secondMoments.addi(moved[1]);
        count += other.count;
        weight += other.weight;
        logLikelihoodSum += other.logLikelihoodSum;
        if (other.worstLogLikelihood < worstLogLikelihood) {
            worstLogLikelihood = other.worstLogLikelihood;
            worstRow = other.worstRow;
        }
    }

    /**
     * This pass's first and second moments taken around another point b instead of a: with δ = a − b,
     * Σw(x−b) = Σw(x−a) + n·δ and Σw(x−b)ᵢ(x−b)ⱼ = Σw(x−a)ᵢ(x−a)ⱼ + Sᵢδⱼ + δᵢSⱼ + n·δᵢδⱼ (S the first moments).
     */
    private INDArray[] aroundShift(INDArray target) {
        if (target.equals(shift)) {
            return new INDArray[]{sums.dup(), secondMoments.dup()};
        }
        double[] delta = shift.castTo(DataType.DOUBLE).sub(target.castTo(DataType.DOUBLE)).toDoubleVector();
        double[] n = nk.castTo(DataType.DOUBLE).toDoubleVector();
        double[][] first = sums.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] second = secondMoments.castTo(DataType.DOUBLE).toDoubleMatrix();
        int d = delta.length;
        boolean outer = type == CovarianceType.FULL || type == CovarianceType.TIED;
        for (int k = 0; k < first.length; k++) {
            int column = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i; j < (outer ? d : i + 1); j++) {          // the packed upper triangle, or the diagonal
                    second[k][column++] += first[k][i] * delta[j] + delta[i] * first[k][j] + n[k] * delta[i] * delta[j];
                }
            }
            for (int i = 0; i < d; i++) {
                first[k][i] += n[k] * delta[i];
            }
        }
        return new INDArray[]{Nd4j.createFromArray(first).castTo(sums.dataType()),
                Nd4j.createFromArray(second).castTo(secondMoments.dataType())};
    }

    /** The mean log-likelihood per sample over the pass (weighted by the rows' weights): EM's lower bound. */
    public double meanLogLikelihood() {
        return logLikelihoodSum / weight;
    }

    public long count() {
        return count;
    }

    /**
     * The M-step's result: the effective count of each component (an empty one re-seeded counts as one sample)
     * and the new Gaussians.
     *
     * @param counts {@code [k]}
     */
    public record Estimate(INDArray counts, GaussianComponents components) {
    }

    /** The M-step: maximum-likelihood Gaussians from these statistics, {@code regCovar} on the diagonal. */
    public Estimate maximize(double regCovar) {
        INDArray counts = floored(nk.dup());
        INDArray shiftedMeans = sums.divColumnVector(counts.reshape(counts.length(), 1));
        INDArray covariances = type.structure().covariances(counts, shiftedMeans, secondMoments, regCovar);
        INDArray means = shiftedMeans.addRowVector(shift.castTo(shiftedMeans.dataType()));
        double[] countValues = counts.toDoubleVector();
        boolean reseeded = false;
        for (int j = 0; j < countValues.length; j++) {
            if (countValues[j] < EMPTY_COMPONENT) {
                reseed(j, means, covariances, counts);
                countValues[j] = 1;
                reseeded = true;
            }
        }
        if (reseeded) {
            counts = Nd4j.createFromArray(countValues).castTo(means.dataType());
        }
        return new Estimate(counts, GaussianComponents.fromCovariances(type, means, covariances));
    }

    /** Moves an empty component onto the worst-explained sample, with the average covariance of the others. */
    private void reseed(int j, INDArray means, INDArray covariances, INDArray counts) {
        means.getRow(j).assign(worstRow.reshape(means.columns()));
        if (type == CovarianceType.TIED) {
            return;
        }
        INDArray live = counts.dup();
        for (int i = 0; i < live.length(); i++) {
            if (live.getDouble(i) < EMPTY_COMPONENT) {
                live.putScalar(i, 0);
            }
        }
        double total = live.sumNumber().doubleValue();
        if (total <= 0) {
            throw new IllegalStateException("every component of the mixture lost its mass");
        }
        INDArray liveWeights = live.divi(total);
        INDArray flat = covariances.reshape(covariances.size(0), covariances.length() / covariances.size(0));
        INDArray pooled = liveWeights.reshape(1, liveWeights.length()).mmul(flat);            // [1, rest]
        if (covariances.rank() == 1) {
            covariances.putScalar(j, pooled.getDouble(0));
        } else {
            covariances.get(NDArrayIndex.point(j)).assign(pooled.reshape(shapeAfterFirst(covariances)));
        }
    }

    private static long[] shapeAfterFirst(INDArray a) {
        long[] shape = new long[Math.max(a.rank() - 1, 0)];
        System.arraycopy(a.shape(), 1, shape, 0, shape.length);
        return shape;
    }

    /** Adds 10 machine epsilons so that an empty component divides by a tiny number rather than by zero. */
    private static INDArray floored(INDArray counts) {
        return counts.addi(10 * Math.ulp(1.0));
    }
}
