package org.gen4j.vae;

import org.gen4j.testing.GcStress;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * VAE training (gen4j's own step: row gathering, direct products shared between threads, fused dense outputs,
 * the Gaussian sample vertex, Bernoulli and KL passes, fused Adam) gives the same parameters, bit for bit, while
 * collections run beside it; float32 and float64 networks.
 */
class TrainingGcStressTest {
    @Test
    void vaeTrainingGivesTheSameParameters() {
        var data = VaeTestData.train().get(NDArrayIndex.interval(0, 512), NDArrayIndex.all());
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            VaeArchitecture architecture = VaeArchitecture.mlp(64).hidden(400).latent(20).build();
            GcStress.assertSameBitsUnderCollection("VAE epoch " + type, 3, 8, () ->
                    new VaeTrainer(architecture).dataType(type).epochs(1).batchSize(128).seed(7).fit(data.dup())
                            .network().params().castTo(DataType.DOUBLE).data().asDouble());
        }
    }
}
