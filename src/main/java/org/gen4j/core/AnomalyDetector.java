package org.gen4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * An anomaly scorer with a decision threshold: samples scoring above it are flagged.
 *
 * <pre>{@code
 * AnomalyDetector detector = AnomalyDetector.fromContamination(mixture, train, 0.02);
 * boolean[] flagged = detector.isAnomaly(test);
 * }</pre>
 */
public final class AnomalyDetector<D> {
    private final AnomalyScorer<D> scorer;
    private final double threshold;

    public AnomalyDetector(AnomalyScorer<D> scorer, double threshold) {
        if (Double.isNaN(threshold)) {
            throw new Gen4jException("anomaly threshold is NaN");
        }
        this.scorer = scorer;
        this.threshold = threshold;
    }

    /**
     * Picks the threshold so that the given fraction of the reference data is flagged
     * (scikit-learn's {@code contamination}).
     *
     * @param contamination expected share of anomalies in {@code reference}, in [0, 0.5]
     */
    public static <D> AnomalyDetector<D> fromContamination(AnomalyScorer<D> scorer, D reference, double contamination) {
        if (!(contamination >= 0 && contamination <= 0.5)) {
            throw new Gen4jException("contamination must be in [0, 0.5], got " + contamination);
        }
        double[] scores = scorer.score(reference).toDoubleVector();
        return new AnomalyDetector<>(scorer, upperQuantile(scores, contamination));
    }

    /** The score above which a fraction {@code share} of {@code scores} lies (linear interpolation). */
    static double upperQuantile(double[] scores, double share) {
        if (scores.length == 0) {
            throw new Gen4jException("cannot choose an anomaly threshold from no reference samples");
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        if (share == 0) {
            return sorted[sorted.length - 1];
        }
        double position = (1 - share) * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    public double threshold() {
        return threshold;
    }

    /** @return {@code [n]} anomaly scores, higher = more anomalous */
    public INDArray score(D data) {
        return scorer.score(data);
    }

    /** One decision per sample: {@code true} where the score is above the threshold. */
    public boolean[] isAnomaly(D data) {
        double[] scores = scorer.score(data).toDoubleVector();
        boolean[] flagged = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            flagged[i] = scores[i] > threshold;
        }
        return flagged;
    }

    @Override
    public String toString() {
        return "AnomalyDetector(threshold=" + threshold + ")";
    }
}
