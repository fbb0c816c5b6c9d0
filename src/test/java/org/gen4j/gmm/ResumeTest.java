package org.gen4j.gmm;

import org.gen4j.em.FitState;
import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ResumeTest {

    /** A fit resumed from any saved state ends exactly where the uninterrupted fit ends. */
    @Test
    void resumingFromAnyStateReproducesTheUninterruptedFit() {
        Table iris = Datasets.load("iris");
        List<FitState<GaussianMixture>> states = new ArrayList<>();
        GaussianMixtureTrainer.Builder builder = GaussianMixtureTrainer.builder().components(3).covariance(CovarianceType.FULL)
                .init(Initialization.RANDOM).nInit(3).tol(1e-6).maxIter(60).seed(5);
        GaussianMixture uninterrupted = builder.build().fit(iris);
        builder.stateListener(states::add).build().fit(iris);
        GaussianMixtureTrainer plain = builder.stateListener(null).build();
        for (int i : new int[]{0, 7, states.size() / 2, states.size() - 2}) {
            GaussianMixture resumed = plain.resume(iris, states.get(i));
            assertBitIdentical(uninterrupted.means(), resumed.means(), "from state " + i);
            assertBitIdentical(uninterrupted.covariances(), resumed.covariances());
            assertArrayEquals(uninterrupted.fitSummary().history(), resumed.fitSummary().history());
            assertEquals(uninterrupted.converged(), resumed.converged());
        }
    }
}
