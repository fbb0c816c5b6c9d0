package org.gen4j.gmm;

import org.gen4j.stats.*;

import org.gen4j.core.AnomalyScorer;
import org.gen4j.core.DensityModel;
import org.gen4j.core.FitSummary;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.LatentModel;
import org.gen4j.core.Provenance;
import org.gen4j.core.Sampler;
import org.gen4j.data.DataChecks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fitted Gaussian mixture: p(x) = Σ_k π_k N(x | μ_k, Σ_k). An immutable value; fit one with
 * {@link GaussianMixtureTrainer}.
 *
 * <pre>{@code
 * GaussianMixture gmm = GaussianMixtureTrainer.builder().components(2).seed(42).build().fit(Datasets.load("faithful"));
 * INDArray ll = gmm.logProb(x);          // [n] log-likelihood per row
 * INDArray fake = gmm.sample(100, 7);    // [100, 2]
 * }</pre>
 */
public final class GaussianMixture implements GenerativeModel, Sampler<INDArray>, DensityModel<INDArray>,
        LatentModel<INDArray, INDArray>, AnomalyScorer<INDArray>, java.io.Serializable {
    public static final String MODEL_TYPE = "gaussian-mixture";

    private final MixtureParameters parameters;
    private final FitSummary fit;
    private final Provenance provenance;

    GaussianMixture(MixtureParameters parameters, FitSummary fit, Provenance provenance) {
        this.parameters = parameters;
        this.fit = fit;
        this.provenance = provenance;
    }

    /**
     * A mixture from given parameters, e.g. to generate data from a known model.
     *
     * @param weights     {@code [k]} summing to 1
     * @param means       {@code [k, d]}
     * @param covariances the shape of {@code type}: full {@code [k, d, d]}, tied {@code [d, d]}, diag {@code [k, d]},
     *                    spherical {@code [k]}
     */
    public static GaussianMixture of(CovarianceType type, INDArray weights, INDArray means, INDArray covariances) {
        MixtureParameters.validate(type, weights, means, covariances);
        DataType dtype = means.dataType();
        return new GaussianMixture(MixtureParameters.fromCovariances(type, weights.castTo(dtype), means,
                covariances.castTo(dtype)), FitSummary.NOT_FITTED, Provenance.handMade("GaussianMixture.of"));
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    MixtureParameters parameters() {
        return parameters;
    }

    public CovarianceType covarianceType() {
        return parameters.type();
    }

    public int components() {
        return parameters.components();
    }

    public int dimensions() {
        return parameters.dimensions();
    }

    public DataType dataType() {
        return parameters.means().dataType();
    }

    /** @return {@code [k]} mixing weights π */
    public INDArray weights() {
        return parameters.weights().dup();
    }

    /** @return {@code [k, d]} */
    public INDArray means() {
        return parameters.means().dup();
    }

    /** @return full {@code [k, d, d]}, tied {@code [d, d]}, diag {@code [k, d]}, spherical {@code [k]} */
    public INDArray covariances() {
        return parameters.covariances().dup();
    }

    /** @return the inverse covariances, in the shape of {@link #covariances()} */
    public INDArray precisions() {
        return parameters.type().structure().precisions(parameters.precisionCholesky());
    }

    /** @return the Cholesky factors of the precisions, as scikit-learn's {@code precisions_cholesky_} */
    public INDArray precisionsCholesky() {
        return parameters.precisionCholesky().dup();
    }

    public FitSummary fitSummary() {
        return fit;
    }

    public boolean converged() {
        return fit.converged();
    }

    public int nIter() {
        return fit.iterations();
    }

    public double lowerBound() {
        return fit.finalValue();
    }

    /**
     * @param x {@code [n, d]}; NaN marks a missing value, and such a row gets the density of its observed values
     * @return {@code [n]} log p(x_i)
     */
    @Override
    public INDArray logProb(INDArray x) {
        return LogSumExp.ofRows(weightedLogProb(x));
    }

    /** log π_k + log p(x_i | k), over the observed coordinates of rows with NaN. @return {@code [n, k]} */
    private INDArray weightedLogProb(INDArray x) {
        if (MissingValues.any(x)) {
            double[][] rows = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
            if (x.columns() != dimensions()) {
                throw new org.gen4j.core.Gen4jException("data has " + x.columns() + " columns, the model " + dimensions());
            }
            MissingValues.requireNoInfinity(rows, List.of());
            return Nd4j.createFromArray(new ObservedMarginals(parameters).weightedLogDensities(rows)).castTo(dataType());
        }
        return parameters.weightedLogProb(checked(x));
    }

    /**
     * Rows with their missing values (NaN) filled in by their conditional mean under the mixture,
     * E[x_M | x_O]; observed values are kept as they are.
     *
     * <pre>{@code
     * INDArray completed = gmm.impute(rowsWithGaps);          // [n, d], no NaN left
     * }</pre>
     *
     * @param x {@code [n, d]} @return {@code [n, d]}
     */
    public INDArray impute(INDArray x) {
        return imputed(x, null);
    }

    /**
     * One draw of the missing values from their conditional distribution (a component from p(k | x_O), then the
     * values from its conditional Gaussian): call with seeds 1..K for K multiply imputed data sets.
     *
     * @param x {@code [n, d]} @return {@code [n, d]}
     */
    public INDArray imputeSample(INDArray x, long seed) {
        return imputed(x, new java.util.Random(seed));
    }

    private INDArray imputed(INDArray x, java.util.Random random) {
        if (x.rank() != 2 || x.columns() != dimensions()) {
            throw new org.gen4j.core.Gen4jException("data has shape " + Arrays.toString(x.shape()) + "; the model expects [n, " + dimensions() + "]");
        }
        double[][] rows = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        MissingValues.requireNoInfinity(rows, provenance.columns().size() == dimensions() ? provenance.columns() : List.of());
        return Nd4j.createFromArray(new ObservedMarginals(parameters).imputed(rows, random)).castTo(dataType());
    }

    /** The responsibilities p(component | x). @param x {@code [n, d]} @return {@code [n, k]}, rows sum to 1 */
    @Override
    public INDArray posterior(INDArray x) {
        return predictProba(x);
    }

    /** @param x {@code [n, d]} @return {@code [n, k]} responsibilities */
    public INDArray predictProba(INDArray x) {
        if (MissingValues.any(x)) {
            return LogSumExp.normalizeRows(weightedLogProb(x)).probabilities();
        }
        return parameters.expectation(PreparedData.of(checked(x), parameters.centre(), covarianceType())).resp();
    }

    /** The most likely component of each row. @param x {@code [n, d]} @return n component indices */
    public int[] predict(INDArray x) {
        return Nd4j.argMax(weightedLogProb(x), 1).toIntVector();
    }

    /** Anomaly score −log p(x). @return {@code [n]} */
    @Override
    public INDArray score(INDArray x) {
        return logProb(x).negi();
    }

    @Override
    public INDArray sample(int n, long seed) {
        return sampleWithComponents(n, seed).x();
    }

    /**
     * Samples with the component each was drawn from.
     *
     * @param x          {@code [n, d]}
     * @param components n component indices
     */
    public record LabelledSample(INDArray x, int[] components) {
    }

    public LabelledSample sampleWithComponents(int n, long seed) {
        if (n < 1) {
            throw new org.gen4j.core.Gen4jException("number of samples must be at least 1, got " + n);
        }
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        int k = components();
        int d = dimensions();
        DataType dtype = dataType();
        double[] cumulative = parameters.weights().cumsum(0).toDoubleVector();
        double[] uniforms = Nd4j.rand(random, n).toDoubleVector();
        int[] counts = new int[k];
        int[] drawn = new int[n];
        for (int i = 0; i < n; i++) {
            int j = Arrays.binarySearch(cumulative, uniforms[i] * cumulative[k - 1]);
            drawn[i] = Math.min(j >= 0 ? j + 1 : -j - 1, k - 1);
            counts[drawn[i]]++;
        }
        List<INDArray> blocks = new ArrayList<>();
        int[] labels = new int[n];
        int next = 0;
        INDArray noise = Nd4j.randn(Nd4j.create(dtype, n, d), random);                // [n, d]
        CovarianceStructure structure = parameters.type().structure();
        for (int j = 0; j < k; j++) {
            if (counts[j] == 0) {
                continue;
            }
            INDArray factor = structure.samplingFactor(parameters.covariances(), j, d);  // [d, d]
            INDArray z = noise.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(next, next + counts[j]),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            blocks.add(z.mmul(factor.transpose()).addiRowVector(parameters.means().getRow(j, true)));
            Arrays.fill(labels, next, next + counts[j], j);
            next += counts[j];
        }
        // interleave the components, as independent draws would be
        int[] order = permutation(n, random);
        INDArray stacked = Nd4j.vstack(blocks.toArray(new INDArray[0]));
        int[] shuffledLabels = new int[n];
        for (int i = 0; i < n; i++) {
            shuffledLabels[i] = labels[order[i]];
        }
        return new LabelledSample(stacked.getRows(order), shuffledLabels);
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) Math.min(i, Math.floor(random.nextDouble() * (i + 1)));
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Free parameters: weights (k − 1), means (k·d) and the covariances of this type. */
    public long parameterCount() {
        int k = components();
        int d = dimensions();
        return (k - 1) + (long) k * d + parameters.type().structure().parameterCount(k, d);
    }

    /** Bayesian information criterion on x (lower is better): −2 log L + p log n. */
    public double bic(INDArray x) {
        double n = x.rows();
        return -2 * logProb(x).sumNumber().doubleValue() + parameterCount() * Math.log(n);
    }

    /** Akaike information criterion on x (lower is better): −2 log L + 2p. */
    public double aic(INDArray x) {
        return -2 * logProb(x).sumNumber().doubleValue() + 2 * parameterCount();
    }

    private INDArray checked(INDArray x) {
        DataChecks.requireFiniteMatrix(x, dimensions(), "data");
        return x.dataType() == dataType() ? x : x.castTo(dataType());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("GaussianMixture(k=").append(components()).append(", d=").append(dimensions())
                .append(", covariance=").append(covarianceType().label());
        if (fit.iterations() > 0) {
            s.append(", converged=").append(fit.converged()).append(" after ").append(fit.iterations())
                    .append(" iterations, lower bound ").append(String.format("%.6f", fit.finalValue()));
        }
        s.append(")\n");
        double[] w = parameters.weights().toDoubleVector();
        double[][] m = parameters.means().toDoubleMatrix();
        int shown = Math.min(components(), 10);
        for (int j = 0; j < shown; j++) {
            s.append(String.format("  component %d: weight %.4f, mean %s%n", j, w[j], formatVector(m[j])));
        }
        if (shown < components()) {
            s.append("  ... ").append(components() - shown).append(" more components\n");
        }
        return s.toString();
    }

    private static String formatVector(double[] v) {
        StringBuilder s = new StringBuilder("[");
        int shown = Math.min(v.length, 8);
        for (int i = 0; i < shown; i++) {
            s.append(i > 0 ? ", " : "").append(String.format("%.4g", v[i]));
        }
        return s.append(v.length > shown ? ", ...]" : "]").toString();
    }
}
