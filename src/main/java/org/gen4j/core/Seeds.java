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

    /** A well-mixed seed for the {@code counter}-th stream of a run with {@code seed} (SplitMix64's finaliser). */
    public static long mix(long seed, long counter) {
        long z = seed * 0x9E3779B97F4A7C15L + counter;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
