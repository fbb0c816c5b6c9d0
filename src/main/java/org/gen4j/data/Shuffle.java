package org.gen4j.data;

import java.util.SplittableRandom;

/** Seeded permutations (Fisher–Yates on {@link SplittableRandom}): the same seed gives the same order everywhere. */
public final class Shuffle {
    private Shuffle() {
    }

    /** A random order of {@code 0..n-1}. */
    public static int[] permutation(int n, long seed) {
        return permutation(n, new SplittableRandom(seed));
    }

    /** A random order of {@code 0..n-1} drawn from {@code random}. */
    public static int[] permutation(int n, java.util.random.RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
