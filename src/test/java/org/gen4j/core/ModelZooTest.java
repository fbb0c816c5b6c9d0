package org.gen4j.core;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.data.Datasets;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.hmm.HiddenMarkovModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelZooTest {

    @Test
    void everyZooModelLoadsByNameAndWorks() {
        GaussianMixture gmm = (GaussianMixture) ModelZoo.load("zoo:gmm-faithful");
        assertEquals(2, gmm.components());
        assertEquals(-4.15, gmm.meanLogProb(Datasets.load("faithful").features()), 0.05);
        HiddenMarkovModel hmm = (HiddenMarkovModel) ModelZoo.load("hmm-eustocks");
        assertEquals(2, hmm.states());
        BayesianNetwork bn = (BayesianNetwork) ModelZoo.load("bn-asia");
        assertEquals(8, bn.variables().size());
        assertTrue(bn.provenance().trainer().contains("structure"));
        org.gen4j.data.ImageDataset digits = org.gen4j.data.ImageDataset.load("digits");
        org.gen4j.vae.VariationalAutoencoder vae = (org.gen4j.vae.VariationalAutoencoder) ModelZoo.load("zoo:vae-digits");
        assertEquals(-24.9, vae.meanLogProb(digits.images()), 1.0, "IWAE log p(x) per digit, as on its model card");
        org.gen4j.gan.Gan gan = (org.gen4j.gan.Gan) ModelZoo.load("dcgan-digits");
        org.gen4j.eval.SampleQuality q = org.gen4j.eval.SampleQuality.of(gan.sample(1000, 99), digits.images(),
                org.gen4j.eval.FeatureClassifier.bundled("digits"));
        assertTrue(q.fid() < 20 && q.modeCoverage() == 1.0, q.toString());
    }

    @Test
    void anUnknownNameListsTheZoo() {
        Gen4jException e = assertThrows(Gen4jException.class, () -> ModelZoo.load("zoo:vae-faces"));
        assertTrue(e.getMessage().contains("gmm-faithful, hmm-eustocks, bn-asia, vae-digits, dcgan-digits"), e.getMessage());
    }
}
