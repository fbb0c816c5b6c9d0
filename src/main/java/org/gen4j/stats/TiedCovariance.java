package org.gen4j.stats;

import org.gen4j.core.Gen4jException;
import org.gen4j.kernels.PackedSymmetric;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** All components share one full covariance matrix: {@code [d, d]}. */
final class TiedCovariance implements CovarianceStructure {

    @Override
    public INDArray covariances(INDArray nk, INDArray shiftedMeans, INDArray secondMoments, double regCovar) {
        int d = (int) shiftedMeans.columns();
        DataType dtype = shiftedMeans.dataType();
        double[] pooled = secondMoments.sum(0).toDoubleVector();                             // Σ_k Σ_i r_ik x xᵀ
        INDArray scatter = PackedSymmetric.unpack(pooled, d, dtype);
        INDArray weightedMeans = shiftedMeans.mulColumnVector(nk.reshape(nk.length(), 1));    // [k, d]
        scatter.subi(shiftedMeans.transpose().mmul(weightedMeans));
        return scatter.divi(nk.sumNumber().doubleValue()).addi(Nd4j.eye(d).castTo(dtype).muli(regCovar));
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
    public INDArray covariancesFromPrecisions(INDArray precisions) {
        return CholeskyFactors.inverse(precisions, "the tied precision");
    }

    @Override
    public INDArray precisions(INDArray precisionCholesky) {
        return precisionCholesky.mmul(precisionCholesky.transpose());
    }

    @Override
    public INDArray logGaussianWeights(INDArray shiftedMeans, INDArray precisionCholesky, double[] offsets) {
        int k = (int) shiftedMeans.rows();
        int d = (int) shiftedMeans.columns();
        double[][] factor = precisionCholesky.toDoubleMatrix();
        double[][] precision = CholeskyFactors.timesOwnTranspose(factor);
        double[][] means = shiftedMeans.toDoubleMatrix();
        double[][] weights = new double[PackedSymmetric.size(d) + d][k];
        double[] constant = new double[k];
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += Math.log(factor[i][i]);
        }
        double[] logDets = new double[k];
        for (int j = 0; j < k; j++) {
            FullCovariance.fillQuadraticForm(weights, j, precision, means[j], constant);
            logDets[j] = logDet;
        }
        return CholeskyFactors.logDensityWeights(weights, constant, logDets, offsets, (int) shiftedMeans.columns(), shiftedMeans.dataType());
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
