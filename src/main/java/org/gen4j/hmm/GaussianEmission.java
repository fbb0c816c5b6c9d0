package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelArchive;
import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.GaussianComponents;
import org.gen4j.stats.GaussianStatistics;
import org.gen4j.stats.PreparedData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

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

    /** Scores by the cheaper of the two layouts for a one-off call (see {@link GaussianComponents#logDensity(INDArray)}). */
    @Override
    public INDArray logLikelihood(INDArray x) {
        return gaussians.logDensity(cast(x));
    }

    /** Keeps the second-order features, shifted to the data's mean, for every iteration of a fit. */
    @Override
    public Observations prepare(INDArray x) {
        INDArray data = cast(x);
        return new Observations(data, PreparedData.of(data, data.mean(true, 0), gaussians.type()));
    }

    @Override
    public INDArray logLikelihood(Observations observations) {
        return observations.layout() instanceof PreparedData prepared && prepared.covarianceType() == gaussians.type()
                ? gaussians.logDensity(prepared, new double[states()])
                : logLikelihood(observations.raw());
    }

    private INDArray cast(INDArray x) {
        return x.dataType() == gaussians.means().dataType() ? x : x.castTo(gaussians.means().dataType());
    }

    /** Only the width: a {@link org.gen4j.data.SequenceBatch} has already checked that every value is finite. */
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
