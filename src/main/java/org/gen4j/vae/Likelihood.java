package org.gen4j.vae;

import java.util.Locale;

/** The decoder's distribution p(x | z). */
public enum Likelihood {
    /** Binary data or intensities in [0, 1]. */
    BERNOULLI,
    /** Continuous data, a learned variance per feature (bounded below). */
    GAUSSIAN,
    /** Continuous data, one fixed variance. */
    GAUSSIAN_FIXED,
    /** Discrete tables: one categorical distribution per column over its one-hot block. */
    CATEGORICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Likelihood parse(String text) {
        for (Likelihood likelihood : values()) {
            if (likelihood.label().equalsIgnoreCase(text)) {
                return likelihood;
            }
        }
        throw new IllegalArgumentException("unknown likelihood '" + text + "' (use bernoulli, gaussian, gaussian-fixed or categorical)");
    }
}
