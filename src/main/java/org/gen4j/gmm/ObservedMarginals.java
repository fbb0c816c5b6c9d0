package org.gen4j.gmm;

import org.gen4j.stats.ObservedGaussians;

import java.util.List;

/**
 * A mixture seen through the coordinates each row has (NaN marks a missing one): its components' marginal
 * densities and conditional moments ({@link ObservedGaussians}) with the mixing weights.
 */
final class ObservedMarginals {
    private final double[] logWeights;        // [k]
    private final ObservedGaussians gaussians;

    ObservedMarginals(MixtureParameters parameters) {
        double[] w = parameters.weights().toDoubleVector();
        logWeights = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            logWeights[j] = Math.log(w[j]);
        }
        gaussians = ObservedGaussians.of(parameters.type(), parameters.means(), parameters.covariances());
    }

    /** @param x {@code [n][d]} with NaN where a value is missing; a row with nothing observed is an error */
    static List<ObservedGaussians.Pattern> patterns(double[][] x) {
        return ObservedGaussians.patterns(x, false);
    }

    ObservedGaussians.Conditional conditional(int component, ObservedGaussians.Pattern pattern) {
        return gaussians.conditional(component, pattern);
    }

    double logWeight(int component) {
        return logWeights[component];
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
        double[][] out = gaussians.logDensities(x, patterns(x));
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] += logWeights[j];
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
        for (ObservedGaussians.Pattern pattern : patterns(x)) {
            ObservedGaussians.Conditional[] given = new ObservedGaussians.Conditional[components()];
            for (int j = 0; j < components(); j++) {
                given[j] = conditional(j, pattern);
            }
            for (int row : pattern.rows()) {
                double[] logDensity = new double[components()];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < components(); j++) {
                    logDensity[j] = logWeights[j] + given[j].logDensity(x[row]);
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
                    out[row] = given[j].drawn(x[row], random);
                }
            }
        }
        return out;
    }
}
