package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;

import java.util.Locale;

/** How EM starts when no initial parameters are given. */
public enum Initialization {
    /** Responsibilities from the nearest of k-means++ seeds (fast, usually good). */
    KMEANS_PLUS_PLUS("kmeans++"),
    /** Responsibilities from a full k-means run started at k-means++ seeds. */
    KMEANS("kmeans"),
    /** Random responsibilities, normalised per row. */
    RANDOM("random");

    private final String label;

    Initialization(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Initialization parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Initialization init : values()) {
            if (init.label.equals(t)) {
                return init;
            }
        }
        throw new Gen4jException("unknown initialisation '" + text + "' (expected kmeans++, kmeans or random)");
    }
}
