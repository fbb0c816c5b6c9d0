package org.gen4j.stats;

import org.gen4j.core.Gen4jException;

import java.util.Locale;

/**
 * How the components of a {@link GaussianMixture} shape their covariances, with the array shape each stores:
 * {@code FULL [k, d, d]}, {@code TIED [d, d]} (one matrix shared by all), {@code DIAG [k, d]},
 * {@code SPHERICAL [k]} (one variance per component).
 */
public enum CovarianceType {
    FULL(new FullCovariance()),
    TIED(new TiedCovariance()),
    DIAG(new DiagonalCovariance()),
    SPHERICAL(new SphericalCovariance());

    private final CovarianceStructure structure;

    CovarianceType(CovarianceStructure structure) {
        this.structure = structure;
    }

    public CovarianceStructure structure() {
        return structure;
    }

    /** The lower-case name used on the command line and in files: full, tied, diag, spherical. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses full, tied, diag (or diagonal), spherical; anything else is an error listing the choices. */
    public static CovarianceType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("diagonal")) {
            return DIAG;
        }
        for (CovarianceType type : values()) {
            if (type.label().equals(t)) {
                return type;
            }
        }
        throw new Gen4jException("unknown covariance type '" + text + "' (expected full, tied, diag or spherical)");
    }
}
