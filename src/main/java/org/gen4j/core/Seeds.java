package org.gen4j.core;

import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded ND4J random generators that honour "same seed, same result" for every seed. */
public final class Seeds {
    /** ND4J's native generator draws a fresh random state for seed 0; gen4j maps 0 to this fixed value instead. */
    private static final long ZERO_SEED_REPLACEMENT = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A new native generator for {@code seed}: the same numbers for the same seed, on the same backend. */
    public static Random nativeRandom(long seed) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed == 0 ? ZERO_SEED_REPLACEMENT : seed);
    }
}
