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
    }

    @Test
    void anUnknownNameListsTheZoo() {
        Gen4jException e = assertThrows(Gen4jException.class, () -> ModelZoo.load("zoo:vae-digits"));
        assertTrue(e.getMessage().contains("gmm-faithful, hmm-eustocks, bn-asia"), e.getMessage());
    }
}
