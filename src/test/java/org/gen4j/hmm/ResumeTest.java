package org.gen4j.hmm;

import org.gen4j.em.FitState;
import org.gen4j.data.SequenceBatch;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ResumeTest {

    private static BaumWelch.Builder builder() {
        return BaumWelch.builder().states(3).gaussian(CovarianceType.DIAG).nInit(2).tol(1e-6).maxIter(40).seed(4);
    }

    /** Baum–Welch resumed from any saved state ends exactly where the uninterrupted fit ends. */
    @Test
    void resumingFromAnyStateReproducesTheUninterruptedFit() {
        SequenceBatch data = KnownHmms.threeStateGaussian().sample(5, 80, 1).observations();
        HiddenMarkovModel uninterrupted = builder().build().fit(data);
        List<FitState<HiddenMarkovModel>> states = new ArrayList<>();
        builder().stateListener(states::add).build().fit(data);
        for (int i : new int[]{0, 5, states.size() / 2, states.size() - 2}) {
            HiddenMarkovModel resumed = builder().build().resume(data, states.get(i));
            assertBitIdentical(uninterrupted.transMat(), resumed.transMat(), "from state " + i);
            assertBitIdentical(((GaussianEmission) uninterrupted.emission()).gaussians().means(),
                    ((GaussianEmission) resumed.emission()).gaussians().means());
            assertArrayEquals(uninterrupted.fitSummary().history(), resumed.fitSummary().history());
        }
    }
}
