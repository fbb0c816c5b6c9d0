package org.gen4j.stats;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/** Each component has its own variance per dimension: {@code [k, d]}. */
final class DiagonalCovariance implements CovarianceStructure {

    /** Var = E[x²] − μ², per component and dimension. */
    @Override
    public INDArray covariances(INDArray nk, INDArray shiftedMeans, INDArray secondMoments, double regCovar) {
        return secondMoments.divColumnVector(nk.reshape(nk.length(), 1))
                .subi(shiftedMeans.mul(shiftedMeans)).addi(regCovar);
    }

    @Override
    public INDArray precisionCholesky(INDArray covariances) {
        requirePositive(covariances);
        return Transforms.pow(covariances, -0.5, true);
    }

    static void requirePositive(INDArray variances) {
        if (variances.minNumber().doubleValue() <= 0 || BooleanIndexing.or(variances, Conditions.isNan())) {
            double[] v = variances.reshape(variances.length()).toDoubleVector();
            int bad = 0;
            while (bad < v.length - 1 && v[bad] > 0) {
                bad++;
            }
            int component = variances.rank() == 2 ? bad / (int) variances.columns() : bad;
            throw CholeskyFactors.notPositiveDefinite("component " + component);
        }
    }

    @Override
    public INDArray covariancesFromPrecisionCholesky(INDArray precisionCholesky) {
        return Transforms.pow(precisionCholesky, -2, true);
    }

    @Override
    public INDArray covariancesFromPrecisions(INDArray precisions) {
        requirePositive(precisions);
        return Transforms.pow(precisions, -1, true);
    }

    @Override
    public INDArray precisions(INDArray precisionCholesky) {
        return precisionCholesky.mul(precisionCholesky);
    }

    @Override
    public INDArray logGaussianWeights(INDArray shiftedMeans, INDArray precisionCholesky, double[] offsets) {
        double[][] factors = precisionCholesky.toDoubleMatrix();
        double[][] precisions = new double[factors.length][];
        for (int j = 0; j < factors.length; j++) {
            precisions[j] = factors[j].clone();
            for (int i = 0; i < precisions[j].length; i++) {
                precisions[j][i] *= factors[j][i];
            }
        }
        return diagonalWeights(shiftedMeans, precisions, offsets);
    }

    /** The E-step for per-dimension precisions {@code [k][d]}: squares weighted by λ, then −2λμ, in one product. */
    static INDArray diagonalWeights(INDArray shiftedMeans, double[][] precisions, double[] offsets) {
        int k = precisions.length;
        int d = (int) shiftedMeans.columns();
        double[][] means = shiftedMeans.toDoubleMatrix();
        double[][] weights = new double[2 * d][k];
        double[] constant = new double[k];
        double[] logDet = new double[k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) {
                weights[i][j] = precisions[j][i];
                weights[d + i][j] = -2 * precisions[j][i] * means[j][i];
                constant[j] += precisions[j][i] * means[j][i] * means[j][i];
                logDet[j] += 0.5 * Math.log(precisions[j][i]);
            }
        }
        return CholeskyFactors.logDensityWeights(weights, constant, logDet, offsets, (int) shiftedMeans.columns(), shiftedMeans.dataType());
    }

    @Override
    public INDArray samplingFactor(INDArray covariances, int component, int dimensions) {
        return Nd4j.diag(Transforms.sqrt(covariances.getRow(component), true));
    }

    @Override
    public long parameterCount(int k, int d) {
        return (long) k * d;
    }

    @Override
    public void checkShape(INDArray covariances, int k, int d, String what) {
        if (!Arrays.equals(covariances.shape(), new long[]{k, d})) {
            throw new Gen4jException(what + " for diagonal covariance must have shape [" + k + ", " + d + "], got "
                    + Arrays.toString(covariances.shape()));
        }
    }
}
