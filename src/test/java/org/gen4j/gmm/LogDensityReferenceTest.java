package org.gen4j.gmm;

import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The batched log-densities against a straightforward per-sample computation with explicit matrices. */
class LogDensityReferenceTest {

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void batchedLogDensityAgreesWithTheTextbookFormula(CovarianceType type) {
        Random random = new Random(17 + type.ordinal());
        int k = 3;
        int d = 4;
        int n = 25;
        double[][] means = gaussian(random, k, d, 2.0);
        double[][][] full = new double[k][][];
        INDArray covariances = switch (type) {
            case FULL -> {
                double[][][] c = new double[k][][];
                for (int j = 0; j < k; j++) {
                    c[j] = randomSpd(random, d);
                    full[j] = c[j];
                }
                yield Nd4j.createFromArray(c);
            }
            case TIED -> {
                double[][] c = randomSpd(random, d);
                for (int j = 0; j < k; j++) {
                    full[j] = c;
                }
                yield Nd4j.createFromArray(c);
            }
            case DIAG -> {
                double[][] c = new double[k][d];
                for (int j = 0; j < k; j++) {
                    full[j] = new double[d][d];
                    for (int i = 0; i < d; i++) {
                        c[j][i] = 0.2 + random.nextDouble() * 3;
                        full[j][i][i] = c[j][i];
                    }
                }
                yield Nd4j.createFromArray(c);
            }
            case SPHERICAL -> {
                double[] c = new double[k];
                for (int j = 0; j < k; j++) {
                    c[j] = 0.2 + random.nextDouble() * 3;
                    full[j] = new double[d][d];
                    for (int i = 0; i < d; i++) {
                        full[j][i][i] = c[j];
                    }
                }
                yield Nd4j.createFromArray(c);
            }
        };
        double[] weights = {0.2, 0.5, 0.3};
        GaussianMixture gmm = GaussianMixture.of(type, Nd4j.createFromArray(weights), Nd4j.createFromArray(means), covariances);
        double[][] x = gaussian(random, n, d, 3.0);

        double[] expected = new double[n];
        double[][] expectedResp = new double[n][k];
        for (int i = 0; i < n; i++) {
            double[] joint = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                joint[j] = Math.log(weights[j]) + textbookLogDensity(x[i], means[j], full[j]);
                max = Math.max(max, joint[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(joint[j] - max);
            }
            expected[i] = max + Math.log(sum);
            for (int j = 0; j < k; j++) {
                expectedResp[i][j] = Math.exp(joint[j] - expected[i]);
            }
        }
        INDArray data = Nd4j.createFromArray(x);
        assertArrayEquals(expected, gmm.logProb(data).toDoubleVector(), 1e-9);
        double[][] resp = gmm.predictProba(data).toDoubleMatrix();
        for (int i = 0; i < n; i++) {
            assertArrayEquals(expectedResp[i], resp[i], 1e-9);
        }
        INDArray roundTrip = type.structure().covariancesFromPrecisionCholesky(gmm.precisionsCholesky());
        assertEquals(0, roundTrip.sub(covariances).amaxNumber().doubleValue(), 1e-9);
    }

    /** log N(x | μ, Σ) = −½ (d log 2π + log det Σ + (x − μ)ᵀ Σ⁻¹ (x − μ)), by Gauss–Jordan elimination. */
    static double textbookLogDensity(double[] x, double[] mean, double[][] covariance) {
        int d = x.length;
        double[][] a = new double[d][2 * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(covariance[i], 0, a[i], 0, d);
            a[i][d + i] = 1;
        }
        double logDet = 0;
        for (int c = 0; c < d; c++) {
            int pivot = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            double p = a[c][c];
            logDet += Math.log(Math.abs(p));
            for (int j = 0; j < 2 * d; j++) {
                a[c][j] /= p;
            }
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * d; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double quad = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                quad += (x[i] - mean[i]) * a[i][d + j] * (x[j] - mean[j]);
            }
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + logDet + quad);
    }

    static double[][] gaussian(Random random, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = random.nextGaussian() * scale;
            }
        }
        return m;
    }

    /** A A ᵀ + 0.5 I: symmetric positive definite. */
    static double[][] randomSpd(Random random, int d) {
        double[][] a = gaussian(random, d, d, 1.0);
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int m = 0; m < d; m++) {
                    s[i][j] += a[i][m] * a[j][m];
                }
            }
            s[i][i] += 0.5;
        }
        return s;
    }
}
