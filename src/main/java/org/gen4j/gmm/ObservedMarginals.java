package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.stats.CovarianceType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mixture seen through the coordinates each row has (NaN marks a missing one): the marginal density of the
 * observed coordinates, N(x_O | μ_O, Σ_OO), and the conditional moments of the missing ones,
 * E[x_M | x_O] = μ_M + Σ_MO Σ_OO⁻¹ (x_O − μ_O) and Cov[x_M | x_O] = Σ_MM − Σ_MO Σ_OO⁻¹ Σ_OM, per component. Rows are
 * grouped by which coordinates they miss, so each pattern factors Σ_OO once per component. Plain Java: the blocks
 * are small and differ per pattern.
 */
final class ObservedMarginals {
    private final double[] logWeights;        // [k]
    private final double[][] means;           // [k][d]
    private final double[][][] covariances;   // [k][d][d], whatever the covariance type

    ObservedMarginals(MixtureParameters parameters) {
        int k = parameters.components();
        int d = parameters.dimensions();
        logWeights = new double[k];
        double[] w = parameters.weights().toDoubleVector();
        for (int j = 0; j < k; j++) {
            logWeights[j] = Math.log(w[j]);
        }
        means = parameters.means().toDoubleMatrix();
        covariances = fullCovariances(parameters.type(), parameters.covariances(), k, d);
    }

    /** Every covariance type as k full matrices. */
    static double[][][] fullCovariances(CovarianceType type, INDArray covariances, int k, int d) {
        double[][][] full = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                switch (type) {
                    case FULL -> full[j][a] = covariances.slice(j).getRow(a).toDoubleVector();
                    case TIED -> full[j][a] = covariances.getRow(a).toDoubleVector();
                    case DIAG -> full[j][a][a] = covariances.getDouble(j, a);
                    case SPHERICAL -> full[j][a][a] = covariances.getDouble(j);
                }
            }
        }
        return full;
    }

    /** Rows that miss the same coordinates, with their indices in the data. */
    record Pattern(int[] observed, int[] missing, List<Integer> rows) {
    }

    /** @param x {@code [n][d]} with NaN where a value is missing; a row with nothing observed is an error */
    static List<Pattern> patterns(double[][] x) {
        Map<String, Pattern> byMask = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            StringBuilder mask = new StringBuilder();
            List<Integer> observed = new ArrayList<>(), missing = new ArrayList<>();
            for (int a = 0; a < x[i].length; a++) {
                boolean present = !Double.isNaN(x[i][a]);
                mask.append(present ? '1' : '0');
                (present ? observed : missing).add(a);
            }
            if (observed.isEmpty()) {
                throw new Gen4jException("row " + i + " has no observed value (every cell is missing)");
            }
            int row = i;
            byMask.computeIfAbsent(mask.toString(), m -> new Pattern(observed.stream().mapToInt(Integer::intValue).toArray(),
                    missing.stream().mapToInt(Integer::intValue).toArray(), new ArrayList<>())).rows().add(row);
        }
        return new ArrayList<>(byMask.values());
    }

    /** One component's view of one pattern: the factored observed block and the regression onto the missing block. */
    final class Conditional {
        final double logNormaliser;        // −½(|O| log 2π + log det Σ_OO)
        final double[][] cholesky;         // [|O|][|O|] lower, Σ_OO = L Lᵀ
        final double[][] regression;       // [|M|][|O|] Σ_MO Σ_OO⁻¹
        final double[][] covariance;       // [|M|][|M|] Σ_MM − Σ_MO Σ_OO⁻¹ Σ_OM
        final int component;
        final Pattern pattern;

        Conditional(int component, Pattern pattern) {
            this.component = component;
            this.pattern = pattern;
            double[][] sigma = covariances[component];
            int[] o = pattern.observed(), m = pattern.missing();
            cholesky = cholesky(block(sigma, o, o));
            double logDet = 0;
            for (int a = 0; a < o.length; a++) {
                logDet += 2 * Math.log(cholesky[a][a]);
            }
            logNormaliser = -0.5 * (o.length * Math.log(2 * Math.PI) + logDet);
            regression = new double[m.length][];
            for (int b = 0; b < m.length; b++) {
                double[] sigmaMo = new double[o.length];
                for (int a = 0; a < o.length; a++) {
                    sigmaMo[a] = sigma[m[b]][o[a]];
                }
                regression[b] = solve(cholesky, sigmaMo);                  // Σ_OO⁻¹ Σ_Om (Σ symmetric)
            }
            covariance = new double[m.length][m.length];
            for (int b = 0; b < m.length; b++) {
                for (int c = 0; c < m.length; c++) {
                    double explained = 0;
                    for (int a = 0; a < o.length; a++) {
                        explained += regression[b][a] * sigma[o[a]][m[c]];
                    }
                    covariance[b][c] = sigma[m[b]][m[c]] - explained;
                }
            }
        }

        /** log π_k + log N(x_O | μ_O, Σ_OO) for one row. */
        double weightedLogDensity(double[] row) {
            double[] z = forward(cholesky, deviation(row));
            double quadratic = 0;
            for (double v : z) {
                quadratic += v * v;
            }
            return logWeights[component] + logNormaliser - 0.5 * quadratic;
        }

        /** The row with its missing coordinates replaced by their conditional means under this component. */
        double[] completed(double[] row) {
            double[] out = row.clone();
            double[] deviation = deviation(row);
            double[] solved = backward(cholesky, forward(cholesky, deviation));          // Σ_OO⁻¹ (x_O − μ_O)
            int[] o = pattern.observed(), m = pattern.missing();
            for (int b = 0; b < m.length; b++) {
                double shift = 0;
                for (int a = 0; a < o.length; a++) {
                    double sigmaMo = covariances[component][m[b]][o[a]];
                    shift += sigmaMo * solved[a];
                }
                out[m[b]] = means[component][m[b]] + shift;
            }
            return out;
        }

        private double[] deviation(double[] row) {
            int[] o = pattern.observed();
            double[] deviation = new double[o.length];
            for (int a = 0; a < o.length; a++) {
                deviation[a] = row[o[a]] - means[component][o[a]];
            }
            return deviation;
        }
    }

    int components() {
        return logWeights.length;
    }

    /**
     * log π_k + log N(x_O | μ_O, Σ_OO) for every row and component.
     *
     * @param x {@code [n][d]} with NaN for missing values
     * @return {@code [n][k]}
     */
    double[][] weightedLogDensities(double[][] x) {
        double[][] out = new double[x.length][components()];
        for (Pattern pattern : patterns(x)) {
            for (int j = 0; j < components(); j++) {
                Conditional conditional = new Conditional(j, pattern);
                for (int row : pattern.rows()) {
                    out[row][j] = conditional.weightedLogDensity(x[row]);
                }
            }
        }
        return out;
    }

    /**
     * Each row with its missing values filled in: by E[x_M | x_O] = Σ_k p(k | x_O) E_k[x_M | x_O] (the conditional
     * mean), or with {@code random} by one draw: a component from p(k | x_O), then x_M from that component's
     * conditional Gaussian (for multiple imputation, one call per imputed data set).
     *
     * @param x {@code [n][d]} with NaN for missing values
     */
    double[][] imputed(double[][] x, java.util.Random random) {
        double[][] out = new double[x.length][];
        for (Pattern pattern : patterns(x)) {
            Conditional[] given = new Conditional[components()];
            double[][][] choleskyOfConditional = new double[components()][][];
            for (int j = 0; j < components(); j++) {
                given[j] = new Conditional(j, pattern);
                if (random != null && pattern.missing().length > 0) {
                    choleskyOfConditional[j] = cholesky(given[j].covariance);
                }
            }
            for (int row : pattern.rows()) {
                double[] logDensity = new double[components()];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < components(); j++) {
                    logDensity[j] = given[j].weightedLogDensity(x[row]);
                    max = Math.max(max, logDensity[j]);
                }
                double[] posterior = new double[components()];
                double total = 0;
                for (int j = 0; j < components(); j++) {
                    posterior[j] = Math.exp(logDensity[j] - max);
                    total += posterior[j];
                }
                if (random == null) {
                    out[row] = x[row].clone();
                    for (int a : pattern.missing()) {
                        out[row][a] = 0;
                    }
                    for (int j = 0; j < components(); j++) {
                        double[] completed = given[j].completed(x[row]);
                        for (int a : pattern.missing()) {
                            out[row][a] += posterior[j] / total * completed[a];
                        }
                    }
                } else {
                    int j = 0;
                    double u = random.nextDouble() * total;
                    while (j < components() - 1 && (u -= posterior[j]) > 0) {
                        j++;
                    }
                    out[row] = given[j].completed(x[row]);
                    int[] m = pattern.missing();
                    double[] z = new double[m.length];
                    for (int b = 0; b < m.length; b++) {
                        z[b] = random.nextGaussian();
                    }
                    for (int b = 0; b < m.length; b++) {
                        double noise = 0;
                        for (int c = 0; c <= b; c++) {
                            noise += choleskyOfConditional[j][b][c] * z[c];
                        }
                        out[row][m[b]] += noise;
                    }
                }
            }
        }
        return out;
    }

    private static double[][] block(double[][] sigma, int[] rows, int[] columns) {
        double[][] out = new double[rows.length][columns.length];
        for (int a = 0; a < rows.length; a++) {
            for (int b = 0; b < columns.length; b++) {
                out[a][b] = sigma[rows[a]][columns[b]];
            }
        }
        return out;
    }

    /** Lower Cholesky factor; a block that is not positive definite is an error (a degenerate component). */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int p = 0; p < j; p++) {
                    sum -= l[i][p] * l[j][p];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new Gen4jException("a component's covariance is not positive definite on the observed coordinates"
                                + " (raise --reg-covar)");
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    /** L z = b. */
    static double[] forward(double[][] l, double[] b) {
        double[] z = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double sum = b[i];
            for (int p = 0; p < i; p++) {
                sum -= l[i][p] * z[p];
            }
            z[i] = sum / l[i][i];
        }
        return z;
    }

    /** Lᵀ x = z. */
    static double[] backward(double[][] l, double[] z) {
        double[] x = new double[z.length];
        for (int i = z.length - 1; i >= 0; i--) {
            double sum = z[i];
            for (int p = i + 1; p < z.length; p++) {
                sum -= l[p][i] * x[p];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }

    /** Σ_OO⁻¹ b from the factor. */
    static double[] solve(double[][] l, double[] b) {
        return backward(l, forward(l, b));
    }
}
