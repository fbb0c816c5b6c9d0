package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/** Each component has its own full covariance matrix: {@code [k, d, d]}. */
final class FullCovariance implements CovarianceStructure {

    @Override
    public INDArray covariances(INDArray nk, INDArray shiftedMeans, INDArray secondMoments, double regCovar) {
        int k = (int) shiftedMeans.rows();
        int d = (int) shiftedMeans.columns();
        DataType dtype = shiftedMeans.dataType();
        INDArray covariances = Nd4j.create(dtype, k, d, d);
        INDArray ridge = Nd4j.eye(d).castTo(dtype).muli(regCovar);
        double[][] moments = secondMoments.toDoubleMatrix();
        for (int j = 0; j < k; j++) {
            INDArray mean = shiftedMeans.getRow(j, true);                                     // [1, d]
            INDArray cov = PackedSymmetric.unpack(moments[j], d, dtype).divi(nk.getDouble(j))
                    .subi(mean.transpose().mmul(mean)).addi(ridge);
            matrix(covariances, j).assign(cov);
        }
        return covariances;
    }

    @Override
    public INDArray precisionCholesky(INDArray covariances) {
        int k = (int) covariances.size(0);
        INDArray factors = Nd4j.create(covariances.dataType(), covariances.shape());
        for (int j = 0; j < k; j++) {
            matrix(factors, j).assign(CholeskyFactors.precisionFactor(matrix(covariances, j), "component " + j));
        }
        return factors;
    }

    @Override
    public INDArray covariancesFromPrecisionCholesky(INDArray precisionCholesky) {
        INDArray covariances = Nd4j.create(precisionCholesky.dataType(), precisionCholesky.shape());
        for (int j = 0; j < precisionCholesky.size(0); j++) {
            matrix(covariances, j).assign(CholeskyFactors.covarianceFromPrecisionFactor(matrix(precisionCholesky, j)));
        }
        return covariances;
    }

    @Override
    public INDArray precisions(INDArray precisionCholesky) {
        INDArray precisions = Nd4j.create(precisionCholesky.dataType(), precisionCholesky.shape());
        for (int j = 0; j < precisionCholesky.size(0); j++) {
            INDArray p = matrix(precisionCholesky, j);
            matrix(precisions, j).assign(p.mmul(p.transpose()));
        }
        return precisions;
    }

    @Override
    public INDArray logGaussian(PreparedData data, INDArray shiftedMeans, INDArray precisionCholesky) {
        int k = (int) shiftedMeans.rows();
        int d = (int) shiftedMeans.columns();
        DataType dtype = shiftedMeans.dataType();
        double[][] quadratic = new double[PackedSymmetric.size(d)][k];                      // [p, k]
        INDArray linear = Nd4j.create(dtype, d, k);                                          // [d, k]: Λ_k μ_k
        INDArray constant = Nd4j.create(dtype, 1, k);                                        // μ_kᵀ Λ_k μ_k
        INDArray logDet = Nd4j.create(dtype, k);
        for (int j = 0; j < k; j++) {
            INDArray factor = matrix(precisionCholesky, j);
            INDArray precision = factor.mmul(factor.transpose());
            double[] coefficients = PackedSymmetric.quadraticFormCoefficients(precision);
            for (int c = 0; c < coefficients.length; c++) {
                quadratic[c][j] = coefficients[c];
            }
            INDArray mean = shiftedMeans.getRow(j, true);                                    // [1, d]
            INDArray weightedMean = precision.mmul(mean.transpose());                        // [d, 1]
            linear.getColumn(j).assign(weightedMean.reshape(d));
            constant.putScalar(0, j, mean.mmul(weightedMean).getDouble(0));
            logDet.putScalar(j, CholeskyFactors.logDiagonalSum(factor));
        }
        INDArray squared = PreparedData.project(data.secondOrder(), Nd4j.createFromArray(quadratic).castTo(dtype))
                .addi(PreparedData.project(data.shifted(), linear).muli(-2))
                .addiRowVector(constant);                                                     // [n, k]
        return CholeskyFactors.logDensity(squared, logDet, d);
    }

    @Override
    public INDArray samplingFactor(INDArray covariances, int component, int dimensions) {
        return CholeskyFactors.cholesky(matrix(covariances, component), "component " + component);
    }

    @Override
    public long parameterCount(int k, int d) {
        return (long) k * d * (d + 1) / 2;
    }

    @Override
    public void checkShape(INDArray covariances, int k, int d, String what) {
        if (!Arrays.equals(covariances.shape(), new long[]{k, d, d})) {
            throw new Gen4jException(what + " for full covariance must have shape [" + k + ", " + d + ", " + d
                    + "], got " + Arrays.toString(covariances.shape()));
        }
    }

    /** The {@code [d, d]} view of matrix j in a {@code [k, d, d]} stack. */
    static INDArray matrix(INDArray stack, int j) {
        return stack.get(NDArrayIndex.point(j), NDArrayIndex.all(), NDArrayIndex.all());
    }
}
