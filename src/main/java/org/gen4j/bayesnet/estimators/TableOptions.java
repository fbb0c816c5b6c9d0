package org.gen4j.bayesnet.estimators;

/**
 * How the tables of a Bayesian network are learned, with the defaults written once: the estimator and its equivalent
 * sample size, and the expectation-maximisation settings used when values are missing. The command line and the
 * recipe reader show and use these values.
 *
 * <pre>{@code
 * BayesianNetwork fitted = TableOptions.DEFAULTS.tables().fit(structure, rows);   // BDeu with an equivalent sample size of 10
 * }</pre>
 *
 * @param estimator            mle, bdeu or k2
 * @param equivalentSampleSize BDeu's equivalent sample size
 * @param maxIter              expectation-maximisation iterations at most
 * @param tol                  stop when the observed-data log-likelihood gains less (0: run every iteration)
 * @param seed                 random starting tables for latent variables
 */
public record TableOptions(String estimator, double equivalentSampleSize, int maxIter, double tol, long seed) {

    public static final TableOptions DEFAULTS = new TableOptions("bdeu", 10, 100, 1e-6, 0);

    /** The estimator for complete data. */
    public ParameterEstimator tables() {
        return ParameterEstimator.parse(estimator, equivalentSampleSize);
    }

    /** Expectation-maximisation with that estimator, for data with missing values or latent variables. */
    public ExpectationMaximization expectationMaximization() {
        return new ExpectationMaximization(tables(), maxIter, tol, seed);
    }

    public TableOptions withEstimator(String name, double ess) {
        return new TableOptions(name, ess, maxIter, tol, seed);
    }

    public TableOptions withIterations(int iterations, long randomSeed) {
        return new TableOptions(estimator, equivalentSampleSize, iterations, tol, randomSeed);
    }
}
