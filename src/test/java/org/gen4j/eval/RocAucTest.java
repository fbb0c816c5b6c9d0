package org.gen4j.eval;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RocAucTest {

    @Test
    void knownSmallCases() {
        assertEquals(1.0, RocAuc.of(new double[]{0.1, 0.2, 0.8, 0.9}, new boolean[]{false, false, true, true}));
        assertEquals(0.0, RocAuc.of(new double[]{0.9, 0.8, 0.2, 0.1}, new boolean[]{false, false, true, true}));
        assertEquals(0.5, RocAuc.of(new double[]{1, 1, 1, 1}, new boolean[]{false, true, false, true}));
        // scikit-learn's roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75
        assertEquals(0.75, RocAuc.of(new double[]{0.1, 0.4, 0.35, 0.8}, new boolean[]{false, false, true, true}), 1e-12);
    }

    @Test
    void equalsTheShareOfCorrectlyOrderedPairsWithTiesCountingHalf() {
        Random random = new Random(3);
        double[] scores = new double[300];
        boolean[] positive = new boolean[300];
        for (int i = 0; i < scores.length; i++) {
            positive[i] = random.nextDouble() < 0.3;
            scores[i] = Math.round((random.nextGaussian() + (positive[i] ? 1 : 0)) * 4) / 4.0;   // many ties
        }
        double pairs = 0;
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (positive[i] && !positive[j]) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, RocAuc.of(scores, positive), 1e-12);
    }

    @Test
    void oneClassOnlyIsAnError() {
        assertThrows(Gen4jException.class, () -> RocAuc.of(new double[]{1, 2}, new boolean[]{true, true}));
    }
}
