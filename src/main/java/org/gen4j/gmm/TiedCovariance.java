package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** All components share one full covariance matrix: {@code [d, d]}. */
final class TiedCovariance implements CovarianceStructure {
    private final FullCovariance perComponent = new FullCovariance();

    @Override
    public INDArray scatter(INDArray x, INDArray resp, INDArray centres) {
        return perComponent.scatter(x, resp, centres);                              // [k, d, d]
    }

    @Override
    public INDArray covariances(INDArray nk, INDArray means, INDArray centres, INDArray scatter, double regCovar) {
        int d = (int) means.columns();
        INDArray pooled = scatter.sum(0);                                            // [d, d]
        INDArray shift = means.sub(centres);                                         // [k, d]
        pooled.subi(shift.transpose().mulRowVector(nk.reshape(1, nk.length())).mmul(shift));
        INDArray cov = pooled.divi(nk.sumNumber().doubleValue()).addi(Nd4j.eye(d).castTo(means.dataType()).muli(regCovar));
        return FullCovariance.symmetrised(cov);
    }

    @Override
    public INDArray precisionCholesky(INDArray covariances) {
        return CholeskyFactors.precisionFactor(covariances, "the tied covariance");
    }

    @Override
    public INDArray covariancesFromPrecisionCholesky(INDArray precisionCholesky) {
        return CholeskyFactors.covarianceFromPrecisionFactor(precisionCholesky);
    }

    @Override
    public INDArray precisions(INDArray precisionCholesky) {
        return precisionCholesky.mmul(precisionCholesky.transpose());
    }

    @Override
    public INDArray logGaussian(INDArray x, INDArray means, INDArray precisionCholesky) {
        int d = (int) means.columns();
        INDArray projected = x.mmul(precisionCholesky);                              // [n, d]
        INDArray projectedMeans = means.mmul(precisionCholesky);                     // [k, d]
        // ||a - b||² = ||a||² - 2 a·b + ||b||², for all pairs at once
        INDArray squared = projected.mmul(projectedMeans.transpose()).muli(-2)       // [n, k]
                .addiColumnVector(projected.mul(projected).sum(true, 1))
                .addiRowVector(projectedMeans.mul(projectedMeans).sum(true, 1).reshape(1, means.rows()));
        double logDet = CholeskyFactors.logDiagonalSum(precisionCholesky);
        INDArray logDets = Nd4j.valueArrayOf(new long[]{means.rows()}, logDet, x.dataType());
        return CholeskyFactors.logDensity(squared, logDets, d);
    }

    @Override
    public INDArray samplingFactor(INDArray covariances, int component, int dimensions) {
        return CholeskyFactors.cholesky(covariances, "the tied covariance");
    }

    @Override
    public long parameterCount(int k, int d) {
        return (long) d * (d + 1) / 2;
    }

    @Override
    public void checkShape(INDArray covariances, int k, int d, String what) {
        if (!Arrays.equals(covariances.shape(), new long[]{d, d})) {
            throw new Gen4jException(what + " for tied covariance must have shape [" + d + ", " + d + "], got "
                    + Arrays.toString(covariances.shape()));
        }
    }
}
