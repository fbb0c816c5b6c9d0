package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.gen4j.data.SequenceBatch;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-sequence weights in Baum–Welch: the defining property is that a weight of k equals the sequence k times. */
class WeightedSequencesTest {
    /** Twelve 150-day stretches of the daily returns of four European indices. */
    private static List<INDArray> stretches() {
        INDArray returns = Datasets.load("eustock-returns").features();
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(returns.get(NDArrayIndex.interval(i * 150, (i + 1) * 150), NDArrayIndex.all()).dup());
        }
        return out;
    }

    @Test
    void integerWeightsEqualRepeatedSequences() {
        List<INDArray> sequences = stretches();
        Random random = new Random(3);
        double[] weights = new double[sequences.size()];
        List<INDArray> repeated = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt(4);
            for (int k = 0; k < weights[i]; k++) {
                repeated.add(sequences.get(i));
            }
        }
        HiddenMarkovModel start = BaumWelch.builder().states(2).gaussian(CovarianceType.FULL).maxIter(2).seed(1).build()
                .fit(SequenceBatch.of(sequences));
        BaumWelch trainer = BaumWelch.builder().states(2).gaussian(CovarianceType.FULL).startProb(start.startProb())
                .transMat(start.transMat()).emission(start.emission()).maxIter(15).tol(0).build();
        HiddenMarkovModel fromRepeated = trainer.fit(SequenceBatch.of(repeated));
        HiddenMarkovModel fromWeighted = trainer.fit(SequenceBatch.of(sequences), weights);
        assertClose(fromRepeated.startProb(), fromWeighted.startProb(), "start probabilities");
        assertClose(fromRepeated.transMat(), fromWeighted.transMat(), "transitions");
        assertClose(((GaussianEmission) fromRepeated.emission()).gaussians().means(),
                ((GaussianEmission) fromWeighted.emission()).gaussians().means(), "emission means");
        assertClose(((GaussianEmission) fromRepeated.emission()).gaussians().covariances(),
                ((GaussianEmission) fromWeighted.emission()).gaussians().covariances(), "emission covariances");
        assertEquals(fromRepeated.fitSummary().finalValue(), fromWeighted.fitSummary().finalValue(),
                1e-9 * Math.abs(fromRepeated.fitSummary().finalValue()), "log-likelihood");
    }

    @Test
    void badWeightsAreClearErrors() {
        SequenceBatch batch = SequenceBatch.of(stretches());
        BaumWelch trainer = BaumWelch.builder().states(2).gaussian(CovarianceType.DIAG).build();
        assertTrue(assertThrows(Gen4jException.class, () -> trainer.fit(batch, new double[3])).getMessage()
                .contains("3 weights for 12 sequences"));
        double[] negative = new double[12];
        negative[4] = -2;
        assertTrue(assertThrows(Gen4jException.class, () -> trainer.fit(batch, negative)).getMessage()
                .contains("sequence 4 has the weight -2.0"));
        assertTrue(assertThrows(Gen4jException.class, () -> trainer.fit(batch, new double[12])).getMessage()
                .contains("every sequence weight is 0"));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double[] e = expected.dup('c').data().asDouble(), a = actual.dup('c').data().asDouble();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-9 * (1 + Math.abs(e[i])), what + " [" + i + "]");
        }
    }
}
