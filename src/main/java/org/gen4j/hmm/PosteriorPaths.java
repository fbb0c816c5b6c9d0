package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Whole state paths drawn from their posterior p(z_1..T | x) by forward filtering, backward sampling: the filtered
 * p(z_t | x_1..t) forward, then z_T from the last and each z_t from p(z_t | z_t+1, x_1..t) ∝ p(z_t | x_1..t) a(z_t, z_t+1)
 * backward. Exact draws, one path per sequence (multiple imputation needs the steps' states jointly, not one at a time).
 */
final class PosteriorPaths {
    private PosteriorPaths() {
    }

    /**
     * @param logB    {@code [Σ T_i * K]} emission log-likelihoods, step by step
     * @param lengths T_i
     */
    static List<int[]> draw(double[] pi, double[][] a, double[] logB, int k, int[] lengths, Random random) {
        List<int[]> paths = new ArrayList<>();
        int offset = 0;
        for (int s = 0; s < lengths.length; s++) {
            paths.add(drawOne(s, pi, a, logB, k, offset, lengths[s], random));
            offset += lengths[s];
        }
        return paths;
    }

    private static int[] drawOne(int sequence, double[] pi, double[][] a, double[] logB, int k, int offset, int length,
                                 Random random) {
        double[][] filtered = new double[length][k];
        for (int t = 0; t < length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logB[(offset + t) * k + j]);
            }
            double total = 0;
            for (int j = 0; j < k; j++) {
                double prior = 0;
                if (t == 0) {
                    prior = pi[j];
                } else {
                    for (int i = 0; i < k; i++) {
                        prior += filtered[t - 1][i] * a[i][j];
                    }
                }
                filtered[t][j] = prior * Math.exp(logB[(offset + t) * k + j] - max);      // scaled: only ratios matter
                total += filtered[t][j];
            }
            if (!(total > 0)) {
                throw new Gen4jException("step " + t + " of sequence " + sequence + ": no state can emit it");
            }
            for (int j = 0; j < k; j++) {
                filtered[t][j] /= total;
            }
        }
        int[] path = new int[length];
        path[length - 1] = HmmChecks.draw(filtered[length - 1], random.nextDouble());
        double[] weights = new double[k];
        for (int t = length - 2; t >= 0; t--) {
            double total = 0;
            for (int i = 0; i < k; i++) {
                weights[i] = filtered[t][i] * a[i][path[t + 1]];
                total += weights[i];
            }
            for (int i = 0; i < k; i++) {
                weights[i] /= total;
            }
            path[t] = HmmChecks.draw(weights, random.nextDouble());
        }
        return path;
    }
}
