package org.gen4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores how unusual each sample is: higher means more anomalous. Models with a density score by
 * {@code -logProb}; VAEs may use the reconstruction probability, GANs the discriminator.
 * {@link AnomalyDetector} turns scores into a threshold and decisions; {@code org.gen4j.eval.RocAuc} measures them.
 *
 * <pre>{@code
 * AnomalyDetector detector = AnomalyDetector.fromContamination(mixture, train, 0.01);
 * boolean[] flagged = detector.isAnomaly(test);
 * }</pre>
 */
public interface AnomalyScorer<D> {

    /** @return {@code [n]}, the anomaly score of each sample, higher = more anomalous */
    INDArray score(D data);

    /** The natural scorer of a density model: the negative log-likelihood. */
    static <D> AnomalyScorer<D> negativeLogLikelihood(DensityModel<D> model) {
        return data -> model.logProb(data).neg();
    }
}
