package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelArchive;
import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.GaussianComponents;
import org.gen4j.stats.GaussianStatistics;
import org.gen4j.stats.LogSumExp;
import org.gen4j.stats.PreparedData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.Random;

/**
 * A mixture of M Gaussians per state (hmmlearn's GMMHMM). The K·M Gaussians are held as one set of components,
 * state k owning components k·M .. k·M + M − 1, so log-densities and statistics are the same batched products as
 * for a single Gaussian per state; the state's log-likelihood is a log-sum-exp over its M columns.
 */
public final class GaussianMixtureEmission implements Emission {
    public static final String KIND = "gmm";
    private final GaussianComponents gaussians;   // K*M components
    private final INDArray weights;               // [K, M], rows sum to 1
    private final double regCovar;

    public GaussianMixtureEmission(GaussianComponents gaussians, INDArray weights, double regCovar) {
        if (weights.rank() != 2 || weights.length() != gaussians.count()) {
            throw new Gen4jException("mixture weights must have shape [states, mixtures] with states x mixtures = "
                    + gaussians.count() + " Gaussians, got " + Arrays.toString(weights.shape()));
        }
        HmmChecks.requireStochasticRows(weights, "mixture weights");
        this.gaussians = gaussians;
        this.weights = weights;
        this.regCovar = regCovar;
    }

    public GaussianComponents gaussians() {
        return gaussians;
    }

    /** @return {@code [K, M]} */
    public INDArray weights() {
        return weights.dup();
    }

    public double regCovar() {
        return regCovar;
    }

    public int mixtures() {
        return (int) weights.columns();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int states() {
        return (int) weights.rows();
    }

    @Override
    public int dimensions() {
        return gaussians.dimensions();
    }

    private double[] logWeights() {
        return Transforms.log(weights, true).reshape(weights.length()).toDoubleVector();
    }

    /** log Σ_m w_km N(x | μ_km, Σ_km) from the {@code [N, K·M]} weighted component log-densities. */
    private INDArray stateLogLikelihood(INDArray weightedComponents) {
        long n = weightedComponents.rows();
        INDArray perState = weightedComponents.reshape(n * states(), mixtures());            // [N*K, M]
        return LogSumExp.ofRows(perState).reshape(n, states());
    }

    @Override
    public INDArray logLikelihood(INDArray x) {
        return logLikelihood(prepare(x));
    }

    @Override
    public Observations prepare(INDArray x) {
        INDArray data = x.dataType() == gaussians.means().dataType() ? x : x.castTo(gaussians.means().dataType());
        return new Observations(data, PreparedData.of(data, data.mean(true, 0), gaussians.type()));
    }

    private PreparedData prepared(Observations observations) {
        return observations.layout() instanceof PreparedData p && p.covarianceType() == gaussians.type()
                ? p : (PreparedData) prepare(observations.raw()).layout();
    }

    @Override
    public INDArray logLikelihood(Observations observations) {
        return stateLogLikelihood(gaussians.logDensity(prepared(observations), logWeights()));
    }

    @Override
    public void check(INDArray x) {
        if (x.rank() != 2 || x.columns() != dimensions()) {
            throw new Gen4jException("observations must have " + dimensions() + " columns, got shape " + Arrays.toString(x.shape()));
        }
        if (org.gen4j.stats.MissingValues.any(x)) {
            throw new Gen4jException("Gaussian-mixture emissions take no missing values (NaN or empty cells): "
                    + "gaussian, categorical and poisson emissions do");
        }
    }

    @Override
    public Accumulator accumulator() {
        return new MixtureAccumulator();
    }

    /** Posterior-weighted statistics of this emission, summed over the batches of a pass. */
    private final class MixtureAccumulator implements Accumulator {
        private final GaussianStatistics statistics = new GaussianStatistics(gaussians.type());

        @Override
        public void add(Observations observations, INDArray gamma) {
            PreparedData data = prepared(observations);
            long n = data.rows();
            // within-state responsibilities of each component, times the state posterior
            INDArray components = gaussians.logDensity(data, logWeights()).reshape(n * states(), mixtures());
            INDArray within = LogSumExp.normalizeRows(components).probabilities();          // [N*K, M]
            INDArray resp = within.muliColumnVector(gamma.dup('c').reshape(n * states(), 1))
                    .reshape(n, (long) states() * mixtures());                                 // [N, K*M]
            statistics.add(data, resp, null);
        }

        @Override
        public void merge(Accumulator other) {
            statistics.merge(((MixtureAccumulator) other).statistics);
        }

        @Override
        public Emission maximize() {
            GaussianStatistics.Estimate estimate = statistics.maximize(regCovar);
            INDArray counts = estimate.counts().reshape(states(), mixtures());
            INDArray newWeights = counts.divColumnVector(counts.sum(true, 1));
            return new GaussianMixtureEmission(estimate.components(), newWeights, regCovar);
        }
    }

    @Override
    public INDArray sample(int[] states, long seed) {
        Random random = new Random(seed);
        double[][] w = weights.toDoubleMatrix();
        int[] components = new int[states.length];
        for (int n = 0; n < states.length; n++) {
            components[n] = states[n] * mixtures() + HmmChecks.draw(w[states[n]], random.nextDouble());
        }
        return new GaussianEmission(gaussians, regCovar).sample(components, random.nextLong());
    }

    @Override
    public long parameterCount() {
        int km = gaussians.count();
        int d = dimensions();
        return (long) states() * (mixtures() - 1) + (long) km * d + gaussians.type().structure().parameterCount(km, d);
    }

    @Override
    public void write(ModelArchive.Writer archive) {
        archive.json().put("emission", KIND);
        archive.json().put("covarianceType", gaussians.type().label());
        archive.json().put("regCovar", regCovar);
        archive.array("means", gaussians.means()).array("covariances", gaussians.covariances()).array("mixtureWeights", weights);
    }

    static GaussianMixtureEmission read(ModelArchive.Reader archive) {
        try {
            CovarianceType type = CovarianceType.parse(archive.field("covarianceType").asText());
            GaussianComponents g = GaussianComponents.fromCovariances(type, archive.array("means"), archive.array("covariances"));
            return new GaussianMixtureEmission(g, archive.array("mixtureWeights"), archive.field("regCovar").asDouble());
        } catch (Gen4jException e) {
            throw archive.corrupt(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Gaussian mixture emission (" + mixtures() + " components per state, " + gaussians.type().label() + " covariance)";
    }
}
