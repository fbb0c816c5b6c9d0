package org.gen4j.eval;

import org.gen4j.core.Gen4jException;

/**
 * The share of classes a classifier finds among generated samples. A class counts as covered when it receives at
 * least a fifth of its fair share ({@code n / classes}) of the samples, so a handful of stray samples does not hide
 * a collapsed mode.
 */
public final class ModeCoverage {
    private ModeCoverage() {
    }

    public static double of(int[] predictedClasses, int classes) {
        if (classes < 1 || predictedClasses.length == 0) {
            throw new Gen4jException("mode coverage needs classes and samples, got " + classes + " and " + predictedClasses.length);
        }
        int[] counts = new int[classes];
        for (int c : predictedClasses) {
            counts[c]++;
        }
        double needed = Math.max(1, 0.2 * predictedClasses.length / classes);
        int covered = 0;
        for (int count : counts) {
            covered += count >= needed ? 1 : 0;
        }
        return covered / (double) classes;
    }
}
