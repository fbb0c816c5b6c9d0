package org.gen4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed}, declared once for every command whose seed is simply "the random seed". The trainers' defaults come
 * from {@link TrainerDefaults}; commands whose seed means something narrower declare their own.
 */
final class RandomSeed {
    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long value;

    long value() {
        return value;
    }
}
