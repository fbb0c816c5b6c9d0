package org.gen4j.gmm;

import org.gen4j.stats.ComputeWorkspace;
import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.GaussianStatistics;
import org.gen4j.stats.PreparedData;
import org.gen4j.em.EmModel;
import org.gen4j.em.EmStatistics;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A Gaussian mixture's half of EM: responsibilities and weighted moments per batch, then new weights and Gaussians. */
final class MixtureEm implements EmModel<MixtureParameters, PreparedData, MixtureEm.Statistics>, java.io.Serializable {
    private final CovarianceType covariance;
    private final INDArray shift;
    private final double regCovar;

    /** @param shift the point every batch's moments are taken around (the data's, or the first batch's when streaming) */
    MixtureEm(CovarianceType covariance, INDArray shift, double regCovar) {
        this.covariance = covariance;
        this.shift = shift;
        this.regCovar = regCovar;
    }

    /** Weighted Gaussian moments of a pass; the objective is the mean log-likelihood per row (the lower bound). */
    static final class Statistics implements EmStatistics<Statistics>, java.io.Serializable {
        final GaussianStatistics moments;

        Statistics(GaussianStatistics moments) {
            this.moments = moments;
        }

        @Override
        public double objective() {
            return moments.meanLogLikelihood();
        }

        @Override
        public void merge(Statistics other) {
            moments.merge(other.moments);
        }
    }

    @Override
    public Statistics statistics(MixtureParameters current) {
        return new Statistics(new GaussianStatistics(covariance, shift));
    }

    @Override
    public void accumulate(MixtureParameters current, PreparedData batch, Statistics into) {
        into.moments.addExpectation(batch, current::weightedLogProbWeights);
    }

    @Override
    public MixtureParameters maximize(MixtureParameters current, Statistics statistics) {
        return MixtureParameters.fromEstimate(statistics.moments.maximize(regCovar)).detached();
    }

    @Override
    public Scope iterationScope() {
        return ComputeWorkspace.open("gen4j-gmm-em")::close;
    }
}
