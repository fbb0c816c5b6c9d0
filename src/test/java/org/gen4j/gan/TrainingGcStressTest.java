package org.gen4j.gan;

import org.gen4j.data.ImageDataset;
import org.gen4j.testing.GcStress;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DCGAN training (im2col rows, convolution outputs, batch normalisation's channel passes, direct products shared
 * between threads, fused Adam) gives the same parameters, bit for bit, while collections run beside it.
 */
class TrainingGcStressTest {
    @Test
    void dcganTrainingGivesTheSameParameters() {
        INDArray digits = ImageDataset.load("digits").head(256).images();
        GanArchitecture architecture = GanArchitecture.dcgan(1, 8, 8).latent(4).build();
        GcStress.assertSameBitsUnderCollection("DCGAN epoch", 3, 8, () ->
                new GanTrainer(architecture).epochs(1).batchSize(64).seed(3).fit(digits.dup())
                        .network().params().castTo(DataType.DOUBLE).data().asDouble());
    }
}
