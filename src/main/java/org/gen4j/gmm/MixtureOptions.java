package org.gen4j.gmm;

import org.gen4j.stats.CovarianceType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The hyperparameters of {@link GaussianMixtureTrainer} that have defaults, written once: the builder starts from
 * {@link #DEFAULTS}, and the command line and the recipe reader show and use the same values.
 *
 * <pre>{@code
 * double tol = MixtureOptions.DEFAULTS.tol();     // 1e-3, as the builder, `gen4j fit gmm` and recipes use it
 * }</pre>
 */
public record MixtureOptions(CovarianceType covariance, Initialization init, int nInit, int maxIter, double tol,
                             double regCovar, long seed, DataType dataType) {

    public static final MixtureOptions DEFAULTS = new MixtureOptions(CovarianceType.FULL, Initialization.KMEANS_PLUS_PLUS,
            1, 100, 1e-3, 1e-6, 0, DataType.DOUBLE);
}
