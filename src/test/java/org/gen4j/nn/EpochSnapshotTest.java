package org.gen4j.nn;

import org.gen4j.data.NetworkData;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanArchitecture;
import org.gen4j.gan.GanTrainer;
import org.gen4j.vae.VaeArchitecture;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The VAE and GAN models handed out after each epoch are snapshots: training that goes on leaves them bit for bit as they were. */
class EpochSnapshotTest {
    private static final INDArray IMAGES = NetworkData.load("digits", null, null, 300, NetworkData.Scale.NONE).data();

    @Test
    void aVaeEpochModelKeepsItsParameters() {
        List<VariationalAutoencoder> models = new ArrayList<>();
        List<INDArray> seen = new ArrayList<>();
        new VaeTrainer(VaeArchitecture.mlpOnImages(1, 8, 8).hidden(16).latent(2).build()).epochs(3).batchSize(50).seed(1)
                .afterEpoch(model -> {
                    models.add(model);
                    seen.add(model.network().params().dup());
                }).fit(IMAGES);
        assertEquals(3, models.size());
        for (int e = 0; e < 3; e++) {
            assertBitIdentical(seen.get(e), models.get(e).network().params(), "epoch " + (e + 1));
            assertEquals(e + 1, models.get(e).history().epochs());
        }
        assertNotEquals(seen.get(0), seen.get(2));
    }

    @Test
    void aGanEpochModelKeepsItsParameters() {
        List<Gan> models = new ArrayList<>();
        List<INDArray> seen = new ArrayList<>();
        new GanTrainer(GanArchitecture.mlpOnImages(1, 8, 8).latent(4).build()).epochs(2).batchSize(50).seed(1)
                .afterEpoch(model -> {
                    models.add(model);
                    seen.add(model.network().params().dup());
                }).fit(IMAGES);
        assertEquals(2, models.size());
        for (int e = 0; e < 2; e++) {
            assertBitIdentical(seen.get(e), models.get(e).network().params(), "epoch " + (e + 1));
        }
        assertNotEquals(seen.get(0), seen.get(1));
    }

    @Test
    void theGraphsAFittedModelHandsOutAreCopies() {
        VariationalAutoencoder vae = new VaeTrainer(VaeArchitecture.mlpOnImages(1, 8, 8).hidden(16).latent(2).build())
                .epochs(1).batchSize(50).seed(1).fit(IMAGES);
        INDArray before = vae.network().params().dup();
        vae.network().params().addi(1);
        vae.network().fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[]{IMAGES.reshape(IMAGES.size(0), 64).castTo(before.dataType()),
                org.nd4j.linalg.factory.Nd4j.randn(before.dataType(), IMAGES.size(0), 2)}, new INDArray[]{IMAGES.reshape(IMAGES.size(0), 64)
                .castTo(before.dataType()), org.nd4j.linalg.factory.Nd4j.zeros(before.dataType(), IMAGES.size(0), 1)}));
        assertBitIdentical(before, vae.network().params(), "a VAE after its network() copy was changed and trained");

        Gan gan = new GanTrainer(GanArchitecture.mlpOnImages(1, 8, 8).latent(4).build()).epochs(1).batchSize(50).seed(1).fit(IMAGES);
        INDArray generator = gan.generatorNetwork().params().dup();
        INDArray discriminator = gan.discriminatorNetwork().params().dup();
        gan.network().params().addi(1);
        gan.generatorNetwork().params().addi(1);
        gan.discriminatorNetwork().params().addi(1);
        assertBitIdentical(generator, gan.generatorNetwork().params(), "a GAN's generator after its copies were changed");
        assertBitIdentical(discriminator, gan.discriminatorNetwork().params(), "a GAN's discriminator after its copies were changed");
        assertEquals(gan.generatorParameterCount(), generator.length());
    }
}
