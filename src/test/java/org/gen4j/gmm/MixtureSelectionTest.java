package org.gen4j.gmm;

import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixtureSelectionTest {

    @Test
    void bicFindsTheNumberOfComponentsThatGeneratedTheData() {
        GaussianMixture truth = KnownMixtures.threeComponents(CovarianceType.FULL);
        INDArray x = truth.sample(3000, 1);
        MixtureSelection.Result result = MixtureSelection.sweep(GaussianMixtureTrainer.builder().nInit(2).seed(3), x,
                List.of(1, 2, 3, 4, 5), List.of(CovarianceType.FULL, CovarianceType.DIAG), MixtureSelection.Criterion.BIC, null);
        assertEquals(10, result.candidates().size());
        assertEquals(3, result.best().components());
        assertEquals(CovarianceType.FULL, result.best().covarianceType());
        assertTrue(result.toString().contains("<- best"));
    }

    @Test
    void heldOutLikelihoodPrefersMoreThanOneComponent() {
        GaussianMixture truth = KnownMixtures.threeComponents(CovarianceType.DIAG);
        MixtureSelection.Result result = MixtureSelection.sweep(GaussianMixtureTrainer.builder().seed(3),
                truth.sample(1500, 1), List.of(1, 3), List.of(CovarianceType.DIAG),
                MixtureSelection.Criterion.HELD_OUT, truth.sample(1500, 2));
        assertEquals(3, result.best().components());
        assertTrue(Double.isFinite(result.bestCandidate().heldOutLogLikelihood()));
    }
}
