package org.gen4j.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * One loss instance shared by networks that train at once (Spark's tasks in one JVM share the broadcast
 * configuration): a batch's scores are its own even when another batch's gradient pass came in between, and a
 * gradient is the one its own call computed (the cache is read once per call).
 */
class SharedLossTest {

    @Test
    void aBatchsScoresAreItsOwnWhenAnotherBatchsPassCameBetween() {
        KlDivergenceLoss shared = new KlDivergenceLoss();
        Batch big = new Batch(32, 1);
        Batch small = new Batch(14, 2);
        INDArray bigGradient = shared.computeGradient(big.labels, big.pre, new ActivationIdentity(), null).dup();
        INDArray smallGradient = shared.computeGradient(small.labels, small.pre, new ActivationIdentity(), null).dup();
        // the big batch's score now, after the small batch's gradient replaced the cached pass
        assertArrayEquals(big.expectedScores(), scores(shared, big), 0f);
        assertArrayEquals(small.expectedScores(), scores(shared, small), 0f);
        assertArrayEquals(big.expectedGradient(), bigGradient.data().asFloat(), 0f);
        assertArrayEquals(small.expectedGradient(), smallGradient.data().asFloat(), 0f);
    }

    private static float[] scores(KlDivergenceLoss loss, Batch batch) {
        return loss.computeScoreArray(batch.labels, batch.pre, new ActivationIdentity(), null).dup().data().asFloat();
    }

    /** A batch of latent parameters, and what a loss of its own computes for it. */
    private static final class Batch {
        final INDArray labels;
        final INDArray pre;

        Batch(int rows, long seed) {
            labels = Nd4j.zeros(DataType.FLOAT, rows, 8);
            pre = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), rows, 8).castTo(DataType.FLOAT).subi(0.5);
        }

        float[] expectedScores() {
            KlDivergenceLoss own = new KlDivergenceLoss();
            own.computeGradient(labels, pre, new ActivationIdentity(), null);
            return scores(own, this);
        }

        float[] expectedGradient() {
            return new KlDivergenceLoss().computeGradient(labels, pre, new ActivationIdentity(), null).dup().data().asFloat();
        }
    }
}
