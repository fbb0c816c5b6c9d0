package org.gen4j.stats;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/** Each component has one variance shared by all dimensions: {@code [k]}. */
final class SphericalCovariance implements CovarianceStructure {
    private final DiagonalCovariance diagonal = new DiagonalCovariance();

    /** The mean over dimensions of the diagonal estimate (as scikit-learn). */
    @Override
    public INDArray covariances(INDArray nk, INDArray shiftedMeans, INDArray secondMoments, double regCovar) {
        return diagonal.covariances(nk, shiftedMeans, secondMoments, regCovar).mean(1);     // [k]
    }

    // The variance-to-precision transforms are element-wise, so the diagonal type's serve for [k] as for [k, d].

    @Override
    public INDArray precisionCholesky(INDArray covariances) {
        return diagonal.precisionCholesky(covariances);
    }

    @Override
    public INDArray covariancesFromPrecisionCholesky(INDArray precisionCholesky) {
        return diagonal.covariancesFromPrecisionCholesky(precisionCholesky);
    }

    @Override
    public INDArray covariancesFromPrecisions(INDArray precisions) {
        return diagonal.covariancesFromPrecisions(precisions);
    }

    @Override
    public INDArray precisions(INDArray precisionCholesky) {
        return diagonal.precisions(precisionCholesky);
    }

    @Override
    public INDArray logGaussianWeights(INDArray shiftedMeans, INDArray precisionCholesky, double[] offsets) {
        double[] factors = precisionCholesky.toDoubleVector();
        int d = (int) shiftedMeans.columns();
        double[][] precisions = new double[factors.length][d];
        for (int j = 0; j < factors.length; j++) {
            java.util.Arrays.fill(precisions[j], factors[j] * factors[j]);
        }
        return DiagonalCovariance.diagonalWeights(shiftedMeans, precisions, offsets);
    }

    @Override
    public INDArray samplingFactor(INDArray covariances, int component, int dimensions) {
        double sd = Math.sqrt(covariances.getDouble(component));
        return Nd4j.eye(dimensions).castTo(covariances.dataType()).muli(sd);
    }

    @Override
    public long parameterCount(int k, int d) {
        return k;
    }

    @Override
    public void checkShape(INDArray covariances, int k, int d, String what) {
        if (!Arrays.equals(covariances.shape(), new long[]{k})) {
            throw new Gen4jException(what + " for spherical covariance must have shape [" + k + "], got "
                    + Arrays.toString(covariances.shape()));
        }
    }
}
