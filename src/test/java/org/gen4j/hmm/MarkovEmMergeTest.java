package org.gen4j.hmm;

import org.gen4j.data.Datasets;
import org.gen4j.data.SequenceBatch;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Baum–Welch statistics of sequences summed apart and merged equal one pass over all of them, for every emission. */
class MarkovEmMergeTest {

    private static void assertMergeIsOnePass(HiddenMarkovModel model, List<INDArray> sequences, String what) {
        MarkovEm em = new MarkovEm("ste", 1, 1);
        MarkovEm.Parameters current = new MarkovEm.Parameters(model.startProb(), model.transMat(), model.emission());
        MarkovEm.Expectations onePass = em.statistics(current);
        em.accumulate(current, chunk(model, sequences), onePass);
        MarkovEm.Expectations merged = em.statistics(current);
        for (INDArray sequence : sequences) {
            MarkovEm.Expectations partition = em.statistics(current);
            em.accumulate(current, chunk(model, List.of(sequence)), partition);
            merged.merge(partition);
        }
        assertEquals(onePass.objective(), merged.objective(), 1e-9 * Math.abs(onePass.objective()), what);
        MarkovEm.Parameters a = em.maximize(current, onePass);
        MarkovEm.Parameters b = em.maximize(current, merged);
        assertEquals(0, a.transMat().sub(b.transMat()).amaxNumber().doubleValue(), 1e-12, what);
        assertEquals(0, a.startProb().sub(b.startProb()).amaxNumber().doubleValue(), 1e-12, what);
        HiddenMarkovModel fromA = new HiddenMarkovModel(a.startProb(), a.transMat(), a.emission(), model.fitSummary(), model.provenance());
        HiddenMarkovModel fromB = new HiddenMarkovModel(b.startProb(), b.transMat(), b.emission(), model.fitSummary(), model.provenance());
        SequenceBatch all = SequenceBatch.of(sequences);
        double scoreA = fromA.score(all).sumNumber().doubleValue();
        double scoreB = fromB.score(all).sumNumber().doubleValue();
        assertEquals(scoreA, scoreB, 1e-9 * Math.abs(scoreA), what + ": the merged step's emission");
    }

    private static MarkovEm.Chunk chunk(HiddenMarkovModel model, List<INDArray> sequences) {
        SequenceBatch batch = SequenceBatch.of(sequences);
        return new MarkovEm.Chunk(model.emission().prepare(batch.concatenated().castTo(DataType.DOUBLE)), batch.lengths());
    }

    @Test
    void everyEmissionMergesLikeOnePass() {
        INDArray returns = Datasets.load("eustock-returns").features();
        List<INDArray> pieces = List.of(returns.get(NDArrayIndex.interval(0, 700), NDArrayIndex.all()),
                returns.get(NDArrayIndex.interval(700, 1300), NDArrayIndex.all()),
                returns.get(NDArrayIndex.interval(1300, returns.rows()), NDArrayIndex.all()));
        SequenceBatch batch = SequenceBatch.of(pieces);
        for (CovarianceType type : CovarianceType.values()) {
            assertMergeIsOnePass(BaumWelch.builder().states(2).gaussian(type).maxIter(3).seed(1).build().fit(batch), pieces,
                    "gaussian " + type.label());
        }
        assertMergeIsOnePass(BaumWelch.builder().states(2).gaussianMixture(2, CovarianceType.DIAG).maxIter(3).seed(1).build()
                .fit(batch), pieces, "gaussian mixture");
        INDArray symbols = Nd4j.createFromArray(new Random(3).ints(900, 0, 4).asDoubleStream().toArray()).reshape(900, 1);
        List<INDArray> symbolPieces = List.of(symbols.get(NDArrayIndex.interval(0, 400), NDArrayIndex.all()),
                symbols.get(NDArrayIndex.interval(400, 900), NDArrayIndex.all()));
        assertMergeIsOnePass(BaumWelch.builder().states(2).categorical(4).maxIter(3).seed(2).build()
                .fit(SequenceBatch.of(symbolPieces)), symbolPieces, "categorical");
        assertMergeIsOnePass(BaumWelch.builder().states(2).poisson().maxIter(3).seed(2).build()
                .fit(SequenceBatch.of(symbolPieces)), symbolPieces, "poisson");
    }
}
