package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/** Each component has one variance shared by all dimensions: {@code [k]}. */
final class SphericalCovariance implements CovarianceStructure {
    private final DiagonalCovariance diagonal = new DiagonalCovariance();

    @Override
    public INDArray scatter(INDArray x, INDArray resp, INDArray centres) {
        return diagonal.scatter(x, resp, centres);                                   // [k, d]
    }

    @Override
    public INDArray covariances(INDArray nk, INDArray means, INDArray centres, INDArray scatter, double regCovar) {
        return diagonal.covariances(nk, means, centres, scatter, regCovar).mean(1);  // [k]
    }

    @Override
    public INDArray precisionCholesky(INDArray covariances) {
        DiagonalCovariance.requirePositive(covariances);
        return Transforms.pow(covariances, -0.5, true);
    }

    @Override
    public INDArray covariancesFromPrecisionCholesky(INDArray precisionCholesky) {
        return Transforms.pow(precisionCholesky, -2, true);
    }

    @Override
    public INDArray precisions(INDArray precisionCholesky) {
        return precisionCholesky.mul(precisionCholesky);
    }

    @Override
    public INDArray logGaussian(INDArray x, INDArray means, INDArray precisionCholesky) {
        int k = (int) means.rows();
        int d = (int) means.columns();
        INDArray precisions = precisionCholesky.mul(precisionCholesky).reshape(1, k);   // [1, k]
        INDArray squared = x.mmul(means.transpose()).muli(-2)                            // [n, k]
                .addiColumnVector(x.mul(x).sum(true, 1))
                .addiRowVector(means.mul(means).sum(true, 1).reshape(1, k))
                .muliRowVector(precisions);
        INDArray logDet = Transforms.log(precisionCholesky, true).muli(d);               // [k]
        return CholeskyFactors.logDensity(squared, logDet, d);
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
