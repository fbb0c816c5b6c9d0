package org.gen4j.hmm;

import org.gen4j.stats.CovarianceType;

/**
 * The hyperparameters of {@link BaumWelch} that have defaults, written once: the builder starts from
 * {@link #DEFAULTS}, and the command line and the recipe reader show and use the same values.
 *
 * <pre>{@code
 * double tol = BaumWelchOptions.DEFAULTS.tol();   // 1e-2, as hmmlearn
 * }</pre>
 */
public record BaumWelchOptions(int states, String emission, CovarianceType covariance, int mixtures, int nInit,
                               int maxIter, double tol, double regCovar, long seed) {

    public static final BaumWelchOptions DEFAULTS = new BaumWelchOptions(2, GaussianEmission.KIND, CovarianceType.DIAG,
            1, 1, 100, 1e-2, 1e-6, 0);
}
