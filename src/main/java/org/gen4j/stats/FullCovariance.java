package org.gen4j.stats;

import org.gen4j.core.Gen4jException;
import org.gen4j.kernels.PackedSymmetric;
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
        double[][] moments = secondMoments.toDoubleMatrix();
        double[][] means = shiftedMeans.toDoubleMatrix();
        double[] counts = nk.toDoubleVector();
        double[][][] covariances = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            int c = 0;
            for (int r = 0; r < d; r++) {
                for (int s = r; s < d; s++) {
                    double value = moments[j][c++] / counts[j] - means[j][r] * means[j][s];
                    covariances[j][r][s] = value;
                    covariances[j][s][r] = value;
                }
                covariances[j][r][r] += regCovar;
            }
        }
        return Nd4j.createFromArray(covariances).castTo(shiftedMeans.dataType());
    }

    @Override
    public INDArray precisionCholesky(INDArray covariances) {
        double[][][] c = CholeskyFactors.matrices(covariances);
        double[][][] factors = new double[c.length][][];
        for (int j = 0; j < c.length; j++) {
            factors[j] = CholeskyFactors.precisionFactor(c[j], "component " + j);
        }
        return Nd4j.createFromArray(factors).castTo(covariances.dataType());
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
    public INDArray covariancesFromPrecisions(INDArray precisions) {
        INDArray covariances = precisions.dup();
        for (int j = 0; j < precisions.size(0); j++) {
            matrix(covariances, j).assign(CholeskyFactors.inverse(matrix(precisions, j), "precision " + j));
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
    public INDArray logGaussianWeights(INDArray shiftedMeans, INDArray precisionCholesky, double[] offsets) {
        int k = (int) shiftedMeans.rows();
        int d = (int) shiftedMeans.columns();
        int p = PackedSymmetric.size(d);
        double[][][] factors = CholeskyFactors.matrices(precisionCholesky);
        double[][] means = shiftedMeans.toDoubleMatrix();
        double[][] weights = new double[p + d][k];     // quadratic-form coefficients over −2 Λ_k μ_k, per column
        double[] constant = new double[k];              // μ_kᵀ Λ_k μ_k
        double[] logDet = new double[k];
        for (int j = 0; j < k; j++) {
            double[][] precision = CholeskyFactors.timesOwnTranspose(factors[j]);
            fillQuadraticForm(weights, j, precision, means[j], constant);
            for (int i = 0; i < d; i++) {
                logDet[j] += Math.log(factors[j][i][i]);
            }
        }
        return CholeskyFactors.logDensityWeights(weights, constant, logDet, offsets, (int) shiftedMeans.columns(), shiftedMeans.dataType());
    }

    /** Column j of the E-step weights for precision Λ and mean μ: packed Λ (off-diagonals doubled), then −2Λμ. */
    static void fillQuadraticForm(double[][] weights, int j, double[][] precision, double[] mean, double[] constant) {
        int d = mean.length;
        int c = 0;
        for (int r = 0; r < d; r++) {
            for (int s = r; s < d; s++) {
                weights[c++][j] = r == s ? precision[r][r] : 2 * precision[r][s];
            }
        }
        double quadratic = 0;
        for (int r = 0; r < d; r++) {
            double weightedMean = 0;
            for (int s = 0; s < d; s++) {
                weightedMean += precision[r][s] * mean[s];
            }
            weights[c + r][j] = -2 * weightedMean;
            quadratic += mean[r] * weightedMean;
        }
        constant[j] = quadratic;
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
