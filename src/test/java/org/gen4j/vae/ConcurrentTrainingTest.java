package org.gen4j.vae;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.concurrent.CompletableFuture;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Trainers on two threads at once share OpenBLAS's process-wide setting and gen4j's helper threads. */
class ConcurrentTrainingTest {
    private static final VaeArchitecture DIGITS = VaeArchitecture.mlp(64).hidden(400).latent(20).build();

    private static INDArray trained(long seed) {
        return new VaeTrainer(DIGITS).epochs(4).batchSize(128).seed(seed).fit(VaeTestData.train()).network().params().dup();
    }

    @Test
    void twoTrainingsAtOnceGiveTheBitsOfEachAlone() throws Exception {
        INDArray alone3 = trained(3), alone4 = trained(4);
        CompletableFuture<INDArray> other = CompletableFuture.supplyAsync(() -> trained(4));
        INDArray together3 = trained(3);
        assertBitIdentical(alone3, together3, "seed 3 beside another training");
        assertBitIdentical(alone4, other.get(), "seed 4 on another thread");
    }
}
