package org.gen4j.nn;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.Datasets;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanArchitecture;
import org.gen4j.gan.GanTrainer;
import org.gen4j.vae.VaeArchitecture;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Networks trained in float64 (and float16 refused on the CPU backend with the reason). */
class NetworkDataTypesTest {
    private static final INDArray DIGITS = Datasets.load("digits").features().div(16.0);
    private static final INDArray TRAIN = DIGITS.get(NDArrayIndex.interval(0, 800), NDArrayIndex.all());
    private static final INDArray TEST = DIGITS.get(NDArrayIndex.interval(1500, 1797), NDArrayIndex.all());
    private static final VaeArchitecture MLP = VaeArchitecture.mlp(64).hidden(64).latent(4).build();

    @Test
    void aFloat64VaeTrainsLikeAFloat32OneAndKeepsItsTypeThroughSaveAndResume(@TempDir Path dir) {
        VaeTrainer oneEpoch = new VaeTrainer(MLP).epochs(1).batchSize(64).seed(5).dataType(DataType.DOUBLE);
        VariationalAutoencoder half = oneEpoch.fit(TRAIN, TEST);
        assertEquals(DataType.DOUBLE, half.dataType());
        assertEquals(DataType.DOUBLE, half.network().params().dataType());
        assertEquals(DataType.DOUBLE, half.sample(5, 1).dataType());
        assertEquals(DataType.DOUBLE, half.encode(TEST).mean().dataType());

        ModelIO.save(half, dir.resolve("vae64.gen4j"));
        VariationalAutoencoder loaded = ModelIO.load(dir.resolve("vae64.gen4j"), VariationalAutoencoder.class);
        assertEquals(DataType.DOUBLE, loaded.dataType());
        assertEquals(half.network().params(), loaded.network().params());
        VariationalAutoencoder resumed = oneEpoch.continueTraining(loaded, TRAIN, null, TEST, null);
        VariationalAutoencoder straight = new VaeTrainer(MLP).epochs(2).batchSize(64).seed(5).dataType(DataType.DOUBLE).fit(TRAIN, TEST);
        assertEquals(straight.network().params(), resumed.network().params(), "float64 training resumes exactly");

        VariationalAutoencoder single = new VaeTrainer(MLP).epochs(2).batchSize(64).seed(5).fit(TRAIN, TEST);
        assertEquals(DataType.FLOAT, single.dataType());
        double elbo64 = straight.history().testElbo()[1], elbo32 = single.history().testElbo()[1];
        assertTrue(Math.abs(elbo64 - elbo32) < 1.0, "float64 " + elbo64 + " vs float32 " + elbo32 + " nats");
        assertEquals(elbo64, straight.elbo(TEST, 1, 5).meanNumber().doubleValue(), 1.0);
    }

    @Test
    void aFloat64GanTrainsSamplesAndLoadsInFloat64(@TempDir Path dir) {
        INDArray points = Nd4j.rand(DataType.DOUBLE, 300, 2);
        GanArchitecture mlp = GanArchitecture.mlp(2).latent(4).generatorHidden(16).discriminatorHidden(16)
                .outputActivation("identity").build();
        Gan gan = new GanTrainer(mlp).epochs(2).batchSize(100).seed(3).emaDecay(0.9).dataType(DataType.DOUBLE).fit(points);
        assertEquals(DataType.DOUBLE, gan.dataType());
        assertEquals(DataType.DOUBLE, gan.sample(10, 1).dataType());
        assertTrue(Double.isFinite(gan.history().generatorLoss()[1]));
        ModelIO.save(gan, dir.resolve("gan64.gen4j"));
        Gan loaded = ModelIO.load(dir.resolve("gan64.gen4j"), Gan.class);
        assertEquals(DataType.DOUBLE, loaded.dataType());
        assertEquals(gan.sample(10, 1), loaded.sample(10, 1));
    }

    @Test
    void float16IsRefusedOnTheCpuBackendWithTheReason() {
        Gen4jException e = assertThrows(Gen4jException.class, () -> new VaeTrainer(MLP).dataType(DataType.HALF));
        assertTrue(e.getMessage().contains("CUDA") && e.getMessage().contains("float32"), e.getMessage());
        assertEquals(DataType.DOUBLE, NetworkDataTypes.parse("float64"));
        Gen4jException unknown = assertThrows(Gen4jException.class, () -> NetworkDataTypes.parse("int8"));
        assertTrue(unknown.getMessage().contains("int8"), unknown.getMessage());
    }
}
