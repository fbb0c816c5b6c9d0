package org.gen4j.stats;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gaussians seen through the coordinates each row has (NaN marks a missing one): the marginal density of the
 * observed coordinates, N(x_O | μ_O, Σ_OO), and the conditional moments of the missing ones,
 * E[x_M | x_O] = μ_M + Σ_MO Σ_OO⁻¹ (x_O − μ_O) and Cov[x_M | x_O] = Σ_MM − Σ_MO Σ_OO⁻¹ Σ_OM, per component. Rows are
 * grouped by which coordinates they miss, so each pattern factors Σ_OO once per component. Plain Java: the blocks
 * are small and differ per pattern. Shared by mixtures (rows) and hidden Markov models (steps).
 * <pre>{@code
 * ObservedGaussians seen = ObservedGaussians.of(gaussians);
 * double[][] logDensity = seen.logDensities(rows, ObservedGaussians.patterns(rows, false));   // [n][k]
 * }</pre>
 */
public final class ObservedGaussians {
    private final double[][] means;           // [k][d]
    private final double[][][] covariances;   // [k][d][d], whatever the covariance type

    private ObservedGaussians(double[][] means, double[][][] covariances) {
        this.means = means;
        this.covariances = covariances;
    }

    public static ObservedGaussians of(GaussianComponents gaussians) {
        return of(gaussians.type(), gaussians.means(), gaussians.covariances());
    }

    /** @param means {@code [k, d]} @param covariances in the shape of the covariance type */
    public static ObservedGaussians of(CovarianceType type, INDArray means, INDArray covariances) {
        int k = (int) means.rows();
        int d = (int) means.columns();
        return new ObservedGaussians(means.toDoubleMatrix(), fullCovariances(type, covariances, k, d));
    }

    /** Every covariance type as k full matrices. */
    public static double[][][] fullCovariances(CovarianceType type, INDArray covariances, int k, int d) {
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

    public int components() {
        return means.length;
    }

    /** Rows that miss the same coordinates, with their indices in the data. */
    public record Pattern(int[] observed, int[] missing, List<Integer> rows) {
    }

    /**
     * @param x          {@code [n][d]} with NaN where a value is missing
     * @param emptyRows  whether a row with nothing observed is allowed (a hidden Markov model's step whose emission
     *                   says nothing); for a mixture it is an error
     */
    public static List<Pattern> patterns(double[][] x, boolean emptyRows) {
        Map<String, Pattern> byMask = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            StringBuilder mask = new StringBuilder();
            List<Integer> observed = new ArrayList<>(), missing = new ArrayList<>();
            for (int a = 0; a < x[i].length; a++) {
                boolean present = !Double.isNaN(x[i][a]);
                mask.append(present ? '1' : '0');
                (present ? observed : missing).add(a);
            }
            if (observed.isEmpty() && !emptyRows) {
                throw new Gen4jException("row " + i + " has no observed value (every cell is missing)");
            }
            int row = i;
            byMask.computeIfAbsent(mask.toString(), m -> new Pattern(observed.stream().mapToInt(Integer::intValue).toArray(),
                    missing.stream().mapToInt(Integer::intValue).toArray(), new ArrayList<>())).rows().add(row);
        }
        return new ArrayList<>(byMask.values());
    }

    /** One component's view of one pattern. */
    public Conditional conditional(int component, Pattern pattern) {
        return new Conditional(component, pattern);
    }

    /** One component's view of one pattern: the factored observed block and the regression onto the missing block. */
    public final class Conditional {
        private final double logNormaliser;        // −½(|O| log 2π + log det Σ_OO)
        private final double[][] cholesky;         // [|O|][|O|] lower, Σ_OO = L Lᵀ
        private final double[][] covariance;       // [|M|][|M|] Σ_MM − Σ_MO Σ_OO⁻¹ Σ_OM
        private final int component;
        private final Pattern pattern;
        private double[][] drawFactor;             // lower Cholesky factor of covariance, made on the first draw

        private Conditional(int component, Pattern pattern) {
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
            double[][] regression = new double[m.length][];                  // Σ_MO Σ_OO⁻¹
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

        /** log N(x_O | μ_O, Σ_OO) for one row (0 when nothing is observed). */
        public double logDensity(double[] row) {
            double[] z = forward(cholesky, deviation(row));
            double quadratic = 0;
            for (double v : z) {
                quadratic += v * v;
            }
            return logNormaliser - 0.5 * quadratic;
        }

        /** The row with its missing coordinates replaced by their conditional means under this component. */
        public double[] completed(double[] row) {
            double[] out = row.clone();
            double[] solved = solve(cholesky, deviation(row));          // Σ_OO⁻¹ (x_O − μ_O)
            int[] o = pattern.observed(), m = pattern.missing();
            for (int b = 0; b < m.length; b++) {
                double shift = 0;
                for (int a = 0; a < o.length; a++) {
                    shift += covariances[component][m[b]][o[a]] * solved[a];
                }
                out[m[b]] = means[component][m[b]] + shift;
            }
            return out;
        }

        /**
         * The row with its missing coordinates drawn from their conditional Gaussian, N(E[x_M | x_O], Cov[x_M | x_O]).
         */
        public double[] drawn(double[] row, java.util.Random random) {
            if (drawFactor == null) {
                drawFactor = cholesky(covariance);
            }
            double[] out = completed(row);
            int[] m = pattern.missing();
            double[] z = new double[m.length];
            for (int b = 0; b < m.length; b++) {
                z[b] = random.nextGaussian();
            }
            for (int b = 0; b < m.length; b++) {
                double noise = 0;
                for (int c = 0; c <= b; c++) {
                    noise += drawFactor[b][c] * z[c];
                }
                out[m[b]] += noise;
            }
            return out;
        }

        /** Cov[x_M | x_O], {@code [|M|][|M|]} in the order of the pattern's missing coordinates. */
        public double[][] covariance() {
            return covariance;
        }

        public Pattern pattern() {
            return pattern;
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

    /**
     * log N(x_O | μ_O, Σ_OO) for every row and component.
     *
     * @param x {@code [n][d]} with NaN for missing values
     * @return {@code [n][k]}
     */
    public double[][] logDensities(double[][] x, List<Pattern> patterns) {
        double[][] out = new double[x.length][components()];
        for (Pattern pattern : patterns) {
            for (int j = 0; j < components(); j++) {
                Conditional conditional = new Conditional(j, pattern);
                for (int row : pattern.rows()) {
                    out[row][j] = conditional.logDensity(x[row]);
                }
            }
        }
        return out;
    }

    /**
     * Adds the expected sufficient statistics of rows with gaps to {@code into}: each row counts for component j
     * with {@code weights[row][j]} (responsibility or state posterior) and brings E[x | x_O] and
     * E[x xᵀ | x_O] = E[x] E[x]ᵀ + Cov[x_M | x_O] on the missing block, so EM on the observed-data likelihood never
     * goes down (Ghahramani and Jordan 1994).
     *
     * @param x       {@code [n][d]} with NaN for missing values
     * @param weights {@code [n][k]}
     * @param proposedShift where to take the moments if {@code into} has no shift yet (e.g. the observed column means)
     * @param dataType      of the statistics' arrays if {@code into} has none yet
     */
    public void addExpected(double[][] x, List<Pattern> patterns, double[][] weights, double[] proposedShift,
                            DataType dataType, GaussianStatistics into) {
        int k = components();
        int d = means.length == 0 ? 0 : means[0].length;
        double[] shift = into.shiftOr(proposedShift, dataType);
        double[] counts = new double[k];
        double[][] sums = new double[k][d];
        double[][][] moments = new double[k][d][d];
        for (Pattern pattern : patterns) {
            int[] missing = pattern.missing();
            for (int j = 0; j < k; j++) {
                Conditional given = new Conditional(j, pattern);
                for (int row : pattern.rows()) {
                    double r = weights[row][j];
                    if (r == 0) {
                        continue;
                    }
                    double[] completed = given.completed(x[row]);
                    for (int a = 0; a < d; a++) {
                        completed[a] -= shift[a];
                    }
                    counts[j] += r;
                    for (int a = 0; a < d; a++) {
                        sums[j][a] += r * completed[a];
                        for (int b = a; b < d; b++) {
                            moments[j][a][b] += r * completed[a] * completed[b];
                        }
                    }
                    for (int p = 0; p < missing.length; p++) {
                        for (int q = p; q < missing.length; q++) {
                            int a = Math.min(missing[p], missing[q]), b = Math.max(missing[p], missing[q]);
                            moments[j][a][b] += r * given.covariance[p][q];
                        }
                    }
                }
            }
        }
        into.addExpected(counts, sums, moments, x.length, farthestCompleted(x, shift));
    }

    /** The row whose observed values lie farthest from the shift: where an emptied component is re-seeded. */
    private static double[] farthestCompleted(double[][] x, double[] shift) {
        double[] farthest = null;
        double distance = -1;
        for (double[] row : x) {
            double squared = 0;
            for (int a = 0; a < row.length; a++) {
                if (!Double.isNaN(row[a])) {
                    squared += (row[a] - shift[a]) * (row[a] - shift[a]);
                }
            }
            if (squared > distance) {
                distance = squared;
                farthest = row.clone();
            }
        }
        for (int a = 0; farthest != null && a < farthest.length; a++) {
            if (Double.isNaN(farthest[a])) {
                farthest[a] = shift[a];
            }
        }
        return farthest;
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
    private static double[][] cholesky(double[][] a) {
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
    private static double[] forward(double[][] l, double[] b) {
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
    private static double[] backward(double[][] l, double[] z) {
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
    private static double[] solve(double[][] l, double[] b) {
        return backward(l, forward(l, b));
    }
}
