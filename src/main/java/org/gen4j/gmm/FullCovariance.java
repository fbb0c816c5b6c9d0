package org.gen4j.gmm;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/** Each component has its own full covariance matrix: {@code [k, d, d]}. */
final class FullCovariance implements CovarianceStructure {

    @Override
    public INDArray scatter(INDArray x, INDArray resp, INDArray centres) {
        int k = (int) resp.columns();
        int d = (int) x.columns();
        INDArray scatter = Nd4j.create(x.dataType(), k, d, d);
        for (int j = 0; j < k; j++) {
            INDArray diff = x.subRowVector(centres.getRow(j, true));                 // [n, d]
            INDArray weighted = diff.mulColumnVector(resp.getColumn(j, true));       // [n, d]
            matrix(scatter, j).assign(weighted.transpose().mmul(diff));               // [d, d]
        }
        return scatter;
    }

    @Override
    public INDArray covariances(INDArray nk, INDArray means, INDArray centres, INDArray scatter, double regCovar) {
        int k = (int) means.rows();
        int d = (int) means.columns();
        INDArray covariances = Nd4j.create(means.dataType(), k, d, d);
        INDArray ridge = Nd4j.eye(d).castTo(means.dataType()).muli(regCovar);
        for (int j = 0; j < k; j++) {
            INDArray shift = means.getRow(j, true).sub(centres.getRow(j, true));    // [1, d]
            INDArray cov = matrix(scatter, j).div(nk.getDouble(j)).subi(shift.transpose().mmul(shift)).addi(ridge);
            matrix(covariances, j).assign(symmetrised(cov));
        }
        return covariances;
    }

    static INDArray symmetrised(INDArray m) {
        return m.add(m.transpose()).muli(0.5);
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
    public INDArray logGaussian(INDArray x, INDArray means, INDArray precisionCholesky) {
        int n = (int) x.rows();
        int k = (int) means.rows();
        int d = (int) means.columns();
        // One GEMM for all components: x [n, d] times the factors side by side [d, k*d].
        INDArray factorsSideBySide = precisionCholesky.permute(1, 0, 2).dup('c').reshape(d, (long) k * d);
        INDArray meanProjections = Nd4j.create(x.dataType(), 1, (long) k * d);              // [1, k*d]
        INDArray logDet = Nd4j.create(x.dataType(), k);                                     // [k]
        for (int j = 0; j < k; j++) {
            INDArray p = matrix(precisionCholesky, j);
            meanProjections.get(NDArrayIndex.point(0), NDArrayIndex.interval((long) j * d, (long) (j + 1) * d))
                    .assign(means.getRow(j, true).mmul(p));
            logDet.putScalar(j, CholeskyFactors.logDiagonalSum(p));
        }
        INDArray y = x.mmul(factorsSideBySide).subiRowVector(meanProjections);               // [n, k*d]
        INDArray squared = y.muli(y).reshape(n, k, d).sum(2);                                // [n, k]
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
