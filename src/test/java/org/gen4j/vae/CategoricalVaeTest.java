package org.gen4j.vae;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.Networks;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.OneHotTable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A VAE of a discrete table, judged against the Bayesian network that generated it. */
class CategoricalVaeTest {

    @Test
    void learnsTheAsiaTableNearlyAsWellAsTheTrueNetwork() {
        BayesianNetwork asia = Networks.load("asia");
        DiscreteTable rows = DiscreteTable.readCsv(Path.of("datasets/bn/asia-samples.csv"), asia.variables());
        OneHotTable encoded = OneHotTable.of(rows);
        assertEquals(16, encoded.width());
        INDArray train = encoded.rows().get(NDArrayIndex.interval(0, 4000), NDArrayIndex.all());
        INDArray test = encoded.rows().get(NDArrayIndex.interval(4000, 5000), NDArrayIndex.all());
        VaeArchitecture a = VaeArchitecture.mlp(encoded.width()).hidden(64).latent(4).variables(encoded.variables()).build();
        VariationalAutoencoder vae = new VaeTrainer(a).epochs(25).batchSize(100).learningRate(3e-3).seed(1).fit(train, test);
        double vaeLogLik = vae.logProb(test, 256, 1).meanNumber().doubleValue();
        DiscreteTable heldOut = new DiscreteTable(rows.codes().get(NDArrayIndex.interval(4000, 5000), NDArrayIndex.all()), rows.variables());
        double truth = asia.meanLogProb(heldOut);
        assertTrue(vaeLogLik < truth + 0.05, "a bound cannot beat the true model by much: " + vaeLogLik + " vs " + truth);
        assertTrue(vaeLogLik > truth - 0.25, "VAE " + vaeLogLik + " vs true network " + truth);
        // samples decode to rows of the table; asia's "either" is a deterministic OR, which nearly all samples respect
        DiscreteTable fake = vae.sampleTable(500, 3);
        assertEquals(rows.variables(), fake.variables());
        assertEquals(500, fake.rows());
        double possible = asia.logProb(fake).gt(Double.NEGATIVE_INFINITY).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
        // 0.942-0.978 over training seeds 1-4 x sampling seeds 1-5 (float rounding of the BLAS build moves it within that)
        assertTrue(possible > 0.93, "share of samples the true network deems possible: " + possible);
    }

    @Test
    void rejectsRowsThatAreNotOneHot() {
        VaeArchitecture a = VaeArchitecture.mlp(5).hidden(8).latent(2).categories(2, 3).build();
        VariationalAutoencoder vae = new VaeTrainer(a).epochs(1).fit(org.nd4j.linalg.factory.Nd4j.create(new double[][]{{1, 0, 0, 1, 0}, {0, 1, 1, 0, 0}}));
        Gen4jException two = assertThrows(Gen4jException.class, () -> vae.logProb(org.nd4j.linalg.factory.Nd4j.create(new double[][]{{1, 1, 0, 1, 0}})));
        assertTrue(two.getMessage().contains("row 0 has 2 categories set in column block 0"), two.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VaeArchitecture.mlp(6).categories(2, 3).build());
    }
}
