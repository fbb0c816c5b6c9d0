package org.gen4j.eval;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve of anomaly scores against known labels: the probability that a random anomaly scores
 * higher than a random normal sample (ties count one half), computed from ranks in O(n log n).
 *
 * <pre>{@code
 * double auc = RocAuc.of(gmm.score(x), isAnomaly);   // 0.5 = chance, 1 = perfect
 * }</pre>
 */
public final class RocAuc {
    private RocAuc() {
    }

    /** @param scores {@code [n]} higher = more anomalous  @param positive n labels, true = anomaly */
    public static double of(INDArray scores, boolean[] positive) {
        return of(scores.toDoubleVector(), positive);
    }

    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new Gen4jException(scores.length + " scores but " + positive.length + " labels");
        }
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        long negatives = positive.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new Gen4jException("ROC-AUC needs both anomalies and normal samples; got " + positives
                    + " anomalies and " + negatives + " normal samples");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new Gen4jException("score " + i + " is NaN");
            }
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;      // tied scores share their mean rank
            for (int i = start; i <= end; i++) {
                if (positive[order[i]]) {
                    positiveRankSum += averageRank;
                }
            }
            start = end + 1;
        }
        // Mann–Whitney U of the anomalies, divided by the number of (anomaly, normal) pairs
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
