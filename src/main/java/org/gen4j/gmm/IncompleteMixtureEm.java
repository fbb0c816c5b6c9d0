package org.gen4j.gmm;

import org.gen4j.em.EmModel;
import org.gen4j.em.EmStatistics;
import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.GaussianComponents;
import org.gen4j.stats.ObservedGaussians;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * EM for a Gaussian mixture on rows with missing values (NaN), on the observed-data likelihood: the E-step weighs
 * each component by the marginal density of a row's observed coordinates, and the M-step uses the expected
 * sufficient statistics, E[x | x_O] and E[x xᵀ | x_O] (the conditional covariance of the missing block added), so
 * every iteration never decreases the observed-data log-likelihood (Ghahramani & Jordan 1994). Moments are taken
 * around {@code shift} (the observed column means), as the complete-data path does, so that far-from-zero data
 * keeps its precision.
 */
final class IncompleteMixtureEm implements EmModel<MixtureParameters, IncompleteMixtureEm.Rows, IncompleteMixtureEm.Statistics>,
        java.io.Serializable {
    private final CovarianceType type;
    private final double[] shift;          // [d]
    private final double regCovar;

    IncompleteMixtureEm(CovarianceType type, double[] shift, double regCovar) {
        this.type = type;
        this.shift = shift;
        this.regCovar = regCovar;
    }

    /** Rows with NaN for missing values, grouped by which coordinates they miss. @param x {@code [n][d]} */
    record Rows(double[][] x, List<ObservedGaussians.Pattern> patterns) {
        static Rows of(double[][] x) {
            return new Rows(x, ObservedMarginals.patterns(x));
        }
    }

    /** Expected counts, sums and second moments per component (around the shift); the objective is the mean observed log-likelihood. */
    static final class Statistics implements EmStatistics<Statistics>, java.io.Serializable {
        final double[] counts;          // [k]
        final double[][] sums;          // [k][d]
        final double[][][] moments;     // [k][d][d]
        double logLikelihood;
        long rows;

        Statistics(int k, int d) {
            counts = new double[k];
            sums = new double[k][d];
            moments = new double[k][d][d];
        }

        @Override
        public double objective() {
            return logLikelihood / rows;
        }

        @Override
        public void merge(Statistics other) {
            for (int j = 0; j < counts.length; j++) {
                counts[j] += other.counts[j];
                for (int a = 0; a < sums[j].length; a++) {
                    sums[j][a] += other.sums[j][a];
                    for (int b = 0; b < sums[j].length; b++) {
                        moments[j][a][b] += other.moments[j][a][b];
                    }
                }
            }
            logLikelihood += other.logLikelihood;
            rows += other.rows;
        }
    }

    @Override
    public Statistics statistics(MixtureParameters current) {
        return new Statistics(current.components(), current.dimensions());
    }

    @Override
    public void accumulate(MixtureParameters current, Rows batch, Statistics into) {
        ObservedMarginals marginals = new ObservedMarginals(current);
        int k = current.components();
        int d = current.dimensions();
        for (ObservedGaussians.Pattern pattern : batch.patterns()) {
            ObservedGaussians.Conditional[] given = new ObservedGaussians.Conditional[k];
            for (int j = 0; j < k; j++) {
                given[j] = marginals.conditional(j, pattern);
            }
            int[] missing = pattern.missing();
            for (int row : pattern.rows()) {
                double[] x = batch.x()[row];
                double[] logDensity = new double[k];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    logDensity[j] = marginals.logWeight(j) + given[j].logDensity(x);
                    max = Math.max(max, logDensity[j]);
                }
                double total = 0;
                for (int j = 0; j < k; j++) {
                    total += Math.exp(logDensity[j] - max);
                }
                double logNorm = max + Math.log(total);
                into.logLikelihood += logNorm;
                into.rows++;
                for (int j = 0; j < k; j++) {
                    double r = Math.exp(logDensity[j] - logNorm);
                    if (r == 0) {
                        continue;
                    }
                    double[] completed = given[j].completed(x);
                    for (int a = 0; a < d; a++) {
                        completed[a] -= shift[a];
                    }
                    into.counts[j] += r;
                    for (int a = 0; a < d; a++) {
                        into.sums[j][a] += r * completed[a];
                        for (int b = 0; b < d; b++) {
                            into.moments[j][a][b] += r * completed[a] * completed[b];
                        }
                    }
                    for (int p = 0; p < missing.length; p++) {          // E[x_M x_Mᵀ] = mean meanᵀ + Cov[x_M | x_O]
                        for (int q = 0; q < missing.length; q++) {
                            into.moments[j][missing[p]][missing[q]] += r * given[j].covariance()[p][q];
                        }
                    }
                }
            }
        }
    }

    @Override
    public MixtureParameters maximize(MixtureParameters current, Statistics s) {
        int k = s.counts.length;
        int d = shift.length;
        double[][][] previous = ObservedGaussians.fullCovariances(current.type(), current.covariances(), k, d);
        double[][] previousMeans = current.means().toDoubleMatrix();
        double[] weights = new double[k];
        double[][] means = new double[k][d];
        double[][][] covariances = new double[k][d][d];
        double n = 0;
        for (double c : s.counts) {
            n += c;
        }
        for (int j = 0; j < k; j++) {
            double count = s.counts[j];
            weights[j] = Math.max(count, 10 * Math.ulp(1.0));          // an empty component keeps a sliver of weight
            if (count < GAUSSIAN_EMPTY) {
                means[j] = previousMeans[j];            // an empty component keeps its place rather than become NaN
                covariances[j] = previous[j];
                continue;
            }
            for (int a = 0; a < d; a++) {
                means[j][a] = s.sums[j][a] / count;
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    covariances[j][a][b] = s.moments[j][a][b] / count - means[j][a] * means[j][b];
                }
            }
            for (int a = 0; a < d; a++) {
                means[j][a] += shift[a];
            }
        }
        double floored = 0;
        for (double w : weights) {
            floored += w;
        }
        for (int j = 0; j < k; j++) {
            weights[j] /= floored;
        }
        return new MixtureParameters(Nd4j.createFromArray(weights).castTo(current.weights().dataType()),
                GaussianComponents.fromCovariances(type, Nd4j.createFromArray(means).castTo(current.means().dataType()),
                        structured(covariances, s.counts, n).castTo(current.means().dataType())));
    }

    /** Effective counts below this are an empty component (less than a millionth of a row). */
    private static final double GAUSSIAN_EMPTY = 1e-6;

    /** The full estimates in the shape of the covariance type, {@code regCovar} on the diagonal. */
    private org.nd4j.linalg.api.ndarray.INDArray structured(double[][][] full, double[] counts, double n) {
        int k = full.length;
        int d = shift.length;
        switch (type) {
            case FULL -> {
                for (double[][] c : full) {
                    for (int a = 0; a < d; a++) {
                        c[a][a] += regCovar;
                    }
                }
                return Nd4j.createFromArray(full);
            }
            case TIED -> {
                double[][] tied = new double[d][d];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            tied[a][b] += counts[j] * full[j][a][b] / n;
                        }
                    }
                }
                for (int a = 0; a < d; a++) {
                    tied[a][a] += regCovar;
                }
                return Nd4j.createFromArray(tied);
            }
            case DIAG -> {
                double[][] diagonal = new double[k][d];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        diagonal[j][a] = full[j][a][a] + regCovar;
                    }
                }
                return Nd4j.createFromArray(diagonal);
            }
            default -> {
                double[] spherical = new double[k];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        spherical[j] += full[j][a][a] / d;
                    }
                    spherical[j] += regCovar;
                }
                return Nd4j.createFromArray(spherical);
            }
        }
    }
}
