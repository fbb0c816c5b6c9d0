package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelArchive;
import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.GaussianComponents;
import org.gen4j.stats.GaussianStatistics;
import org.gen4j.stats.MissingValues;
import org.gen4j.stats.ObservedGaussians;
import org.gen4j.stats.PreparedData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * A multivariate Gaussian per state, with any covariance type. Shares its log-densities and sufficient statistics
 * with Gaussian mixtures ({@link GaussianComponents}, {@link GaussianStatistics}).
 */
public final class GaussianEmission implements Emission {
    public static final String KIND = "gaussian";
    private final GaussianComponents gaussians;
    private final double regCovar;

    public GaussianEmission(GaussianComponents gaussians, double regCovar) {
        this.gaussians = gaussians;
        this.regCovar = regCovar;
    }

    /**
     * @param means       {@code [K, d]}
     * @param covariances in the shape of the covariance type
     */
    public static GaussianEmission of(CovarianceType type, INDArray means, INDArray covariances) {
        return new GaussianEmission(GaussianComponents.fromCovariances(type, means, covariances), 1e-6);
    }

    public GaussianComponents gaussians() {
        return gaussians;
    }

    public double regCovar() {
        return regCovar;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int states() {
        return gaussians.count();
    }

    @Override
    public int dimensions() {
        return gaussians.dimensions();
    }

    /**
     * Scores by the cheaper of the two layouts for a one-off call (see {@link GaussianComponents#logDensity(INDArray)});
     * a step with missing values (NaN) by the density of what it has, and a step with nothing observed by 1.
     */
    @Override
    public INDArray logLikelihood(INDArray x) {
        return MissingValues.any(x) ? logLikelihood(prepare(x)) : gaussians.logDensity(cast(x));
    }

    /**
     * Keeps the second-order features, shifted to the data's mean, for every iteration of a fit; steps with missing
     * values keep their values and patterns of gaps instead ({@link IncompleteSteps}).
     */
    @Override
    public Observations prepare(INDArray x) {
        INDArray data = cast(x);
        if (MissingValues.any(data)) {
            return new Observations(data, IncompleteSteps.of(data));
        }
        return new Observations(data, PreparedData.of(data, data.mean(true, 0), gaussians.type()));
    }

    @Override
    public INDArray logLikelihood(Observations observations) {
        if (observations.layout() instanceof IncompleteSteps steps) {
            double[][] logDensity = ObservedGaussians.of(gaussians).logDensities(steps.values(), steps.patterns());
            return Nd4j.createFromArray(logDensity).castTo(gaussians.means().dataType());
        }
        return observations.layout() instanceof PreparedData prepared && prepared.covarianceType() == gaussians.type()
                ? gaussians.logDensity(prepared, new double[states()])
                : logLikelihood(observations.raw());
    }

    /**
     * Steps with gaps: their values ({@code [N][d]}, NaN where missing), grouped by which coordinates they miss, and
     * the mean of each column's observed values (where the statistics of a pass are centred).
     */
    record IncompleteSteps(double[][] values, List<ObservedGaussians.Pattern> patterns, double[] observedMeans) {
        static IncompleteSteps of(INDArray x) {
            double[][] values = x.castTo(DataType.DOUBLE).toDoubleMatrix();
            MissingValues.requireNoInfinity(values, List.of());
            return new IncompleteSteps(values, ObservedGaussians.patterns(values, true), observedMeansOrZero(values));
        }

        /** A column missing in every step of this batch is centred at 0 (another batch may observe it). */
        private static double[] observedMeansOrZero(double[][] values) {
            double[] means = MissingValues.observedColumnMeansOrNaN(values);
            for (int a = 0; a < means.length; a++) {
                means[a] = Double.isNaN(means[a]) ? 0 : means[a];
            }
            return means;
        }
    }

    private INDArray cast(INDArray x) {
        return x.dataType() == gaussians.means().dataType() ? x : x.castTo(gaussians.means().dataType());
    }

    /** Only the width: a {@link org.gen4j.data.SequenceBatch} has already checked that no value is infinite. */
    @Override
    public void check(INDArray x) {
        if (x.rank() != 2 || x.columns() != dimensions()) {
            throw new Gen4jException("Gaussian observations must have " + dimensions() + " columns, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
    }

    @Override
    public Accumulator accumulator() {
        return new GaussianAccumulator();
    }

    /** Posterior-weighted statistics of this emission, summed over the batches of a pass. */
    private final class GaussianAccumulator implements Accumulator {
        private final GaussianStatistics statistics = new GaussianStatistics(gaussians.type());

        @Override
        public void add(Observations observations, INDArray gamma) {
            if (observations.layout() instanceof IncompleteSteps steps) {
                ObservedGaussians.of(gaussians).addExpected(steps.values(), steps.patterns(),
                        gamma.castTo(DataType.DOUBLE).toDoubleMatrix(), steps.observedMeans(), gaussians.means().dataType(),
                        statistics);
                return;
            }
            PreparedData prepared = observations.layout() instanceof PreparedData p && p.covarianceType() == gaussians.type()
                    ? p : (PreparedData) prepare(observations.raw()).layout();
            statistics.add(prepared, gamma, null);
        }

        @Override
        public void merge(Accumulator other) {
            statistics.merge(((GaussianAccumulator) other).statistics);
        }

        @Override
        public Emission maximize() {
            return new GaussianEmission(statistics.maximize(regCovar).components(), regCovar);
        }
    }

    @Override
    public double[][] imputeExpected(double[][] steps, double[][] posteriors) {
        ObservedGaussians seen = ObservedGaussians.of(gaussians);
        double[][] out = copy(steps);
        for (ObservedGaussians.Pattern pattern : ObservedGaussians.patterns(steps, true)) {
            if (pattern.missing().length == 0) {
                continue;
            }
            for (int k = 0; k < states(); k++) {
                ObservedGaussians.Conditional given = seen.conditional(k, pattern);
                for (int t : pattern.rows()) {
                    double[] completed = given.completed(steps[t]);
                    for (int a : pattern.missing()) {
                        out[t][a] = (k == 0 ? 0 : out[t][a]) + posteriors[t][k] * completed[a];
                    }
                }
            }
        }
        return out;
    }

    @Override
    public double[][] imputeDrawn(double[][] steps, int[] states, java.util.Random random) {
        ObservedGaussians seen = ObservedGaussians.of(gaussians);
        double[][] out = copy(steps);
        for (ObservedGaussians.Pattern pattern : ObservedGaussians.patterns(steps, true)) {
            if (pattern.missing().length == 0) {
                continue;
            }
            ObservedGaussians.Conditional[] given = new ObservedGaussians.Conditional[states()];
            for (int t : pattern.rows()) {
                int k = states[t];
                if (given[k] == null) {
                    given[k] = seen.conditional(k, pattern);
                }
                out[t] = given[k].drawn(steps[t], random);
            }
        }
        return out;
    }

    private static double[][] copy(double[][] steps) {
        double[][] out = new double[steps.length][];
        for (int t = 0; t < steps.length; t++) {
            out[t] = steps[t].clone();
        }
        return out;
    }

    @Override
    public INDArray sample(int[] states, long seed) {
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        int d = dimensions();
        double[][] noise = Nd4j.randn(Nd4j.create(gaussians.means().dataType(), states.length, d), random).toDoubleMatrix();
        double[][] means = gaussians.means().toDoubleMatrix();
        double[][][] factors = new double[states()][][];
        double[][] out = new double[states.length][d];
        for (int n = 0; n < states.length; n++) {
            int k = states[n];
            if (factors[k] == null) {
                factors[k] = gaussians.samplingFactor(k).toDoubleMatrix();
            }
            for (int r = 0; r < d; r++) {
                double value = means[k][r];
                for (int c = 0; c <= r; c++) {            // every sampling factor is lower-triangular
                    value += factors[k][r][c] * noise[n][c];
                }
                out[n][r] = value;
            }
        }
        return Nd4j.createFromArray(out).castTo(gaussians.means().dataType());
    }

    @Override
    public long parameterCount() {
        int k = states();
        int d = dimensions();
        return (long) k * d + gaussians.type().structure().parameterCount(k, d);
    }

    @Override
    public void write(ModelArchive.Writer archive) {
        archive.json().put("emission", KIND);
        archive.json().put("covarianceType", gaussians.type().label());
        archive.json().put("regCovar", regCovar);
        archive.array("means", gaussians.means()).array("covariances", gaussians.covariances());
    }

    static GaussianEmission read(ModelArchive.Reader archive) {
        try {
            CovarianceType type = CovarianceType.parse(archive.field("covarianceType").asText());
            GaussianComponents g = GaussianComponents.fromCovariances(type, archive.array("means"), archive.array("covariances"));
            return new GaussianEmission(g, archive.field("regCovar").asDouble());
        } catch (Gen4jException e) {
            throw archive.corrupt(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Gaussian emission (" + gaussians.type().label() + " covariance), means " + gaussians.means();
    }
}
