package org.gen4j.eval;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Fréchet distance between Gaussians fitted to two sets of features (Heusel et al. 2017):
 * {@code |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2))}. Lower is better; 0 for identical statistics.
 *
 * <pre>{@code
 * double fid = FrechetDistance.of(judge.features(samples), judge.features(real));
 * }</pre>
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** @param a features {@code [n, f]}, @param b features {@code [m, f]}; each needs at least 2 rows */
    public static double of(INDArray a, INDArray b) {
        if (a.columns() != b.columns()) {
            throw new Gen4jException("feature sets differ in width: " + a.columns() + " and " + b.columns());
        }
        if (a.rows() < 2 || b.rows() < 2) {
            throw new Gen4jException("the Fréchet distance needs at least 2 rows in each set");
        }
        INDArray x = a.castTo(DataType.DOUBLE), y = b.castTo(DataType.DOUBLE);
        return between(x.mean(0), covariance(x), y.mean(0), covariance(y));
    }

    /** The distance between N(mu1, s1) and N(mu2, s2). */
    public static double between(INDArray mu1, INDArray s1, INDArray mu2, INDArray s2) {
        INDArray rootS1 = sqrtPsd(s1);
        INDArray middle = rootS1.mmul(s2).mmul(rootS1);
        middle = middle.add(middle.transpose()).muli(0.5);            // symmetric up to rounding
        double traceRoot = Transforms.sqrt(Transforms.max(Eigen.symmetricGeneralizedEigenvalues(middle.dup(), false), 0.0), false)
                .sumNumber().doubleValue();
        INDArray diff = mu1.sub(mu2);
        double meanTerm = diff.mul(diff).sumNumber().doubleValue();
        double value = meanTerm + Distances.trace(s1) + Distances.trace(s2) - 2 * traceRoot;
        return Math.max(0, value);
    }

    static INDArray covariance(INDArray x) {
        INDArray centred = x.subRowVector(x.mean(0));
        return centred.transpose().mmul(centred).divi(x.rows() - 1);
    }

    /** The symmetric square root of a positive semi-definite matrix (negative rounding eigenvalues count as 0). */
    static INDArray sqrtPsd(INDArray s) {
        INDArray vectors = s.add(s.transpose()).muli(0.5);
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);   // vectors now holds the eigenvectors
        INDArray roots = Transforms.sqrt(Transforms.max(values, 0.0), false);
        return vectors.mulRowVector(roots).mmul(vectors.transpose());
    }
}
