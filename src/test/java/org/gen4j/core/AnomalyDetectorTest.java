package org.gen4j.core;

import org.gen4j.data.Datasets;
import org.gen4j.eval.RocAuc;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnomalyDetectorTest {

    @Test
    void contaminationSetsTheShareOfFlaggedReferenceSamples() {
        INDArray x = Datasets.load("faithful").features();
        GaussianMixture gmm = GaussianMixtureTrainer.builder().components(2).seed(0).build().fit(x);
        AnomalyDetector<INDArray> detector = AnomalyDetector.fromContamination(gmm, x, 0.05);
        int flagged = 0;
        for (boolean b : detector.isAnomaly(x)) {
            flagged += b ? 1 : 0;
        }
        assertEquals(0.05 * 272, flagged, 1.5);
        assertEquals(gmm.logProb(x).neg(), detector.score(x));
    }

    /** Points between and beyond the two eruption clusters are what a density model should call unusual. */
    @Test
    void mixtureScoresFindInjectedOutliersOnOldFaithful() {
        INDArray normal = Datasets.load("faithful").features();
        INDArray outliers = Nd4j.createFromArray(new double[][]{
                {3.0, 95}, {1.2, 80}, {5.5, 45}, {3.2, 65}, {2.0, 100}, {4.5, 50}, {6.0, 90}, {1.0, 40}});
        GaussianMixture gmm = GaussianMixtureTrainer.builder().components(2).seed(0).build().fit(normal);
        INDArray all = Nd4j.vstack(normal, outliers);
        boolean[] isOutlier = new boolean[(int) all.rows()];
        for (int i = (int) normal.rows(); i < isOutlier.length; i++) {
            isOutlier[i] = true;
        }
        double auc = RocAuc.of(gmm.score(all), isOutlier);
        assertTrue(auc > 0.97, "ROC-AUC " + auc);
    }

    @Test
    void badContaminationIsRejected() {
        INDArray x = Datasets.load("faithful").features();
        GaussianMixture gmm = GaussianMixtureTrainer.builder().components(2).build().fit(x);
        Gen4jException e = assertThrows(Gen4jException.class, () -> AnomalyDetector.fromContamination(gmm, x, 0.7));
        assertTrue(e.getMessage().contains("contamination must be in [0, 0.5]"));
    }
}
