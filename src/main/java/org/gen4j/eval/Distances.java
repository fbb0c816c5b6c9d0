package org.gen4j.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/** Pairwise squared Euclidean distances as one matrix product: {@code |a|^2 + |b|^2 - 2 a b^T}, clipped at 0. */
final class Distances {
    private Distances() {
    }

    /** {@code [n, m]} squared distances between the rows of {@code a [n, f]} and {@code b [m, f]} (float64). */
    static INDArray squared(INDArray a, INDArray b) {
        INDArray aa = a.mul(a).sum(1).reshape(a.rows(), 1);
        INDArray bb = b.mul(b).sum(1).reshape(1, b.rows());
        INDArray d = a.mmul(b.transpose()).muli(-2).addiColumnVector(aa).addiRowVector(bb);
        return Transforms.max(d, 0.0, false);
    }

    static double median(INDArray values) {
        double[] v = values.dup().data().asDouble();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** The sum of the diagonal of a square matrix. */
    static double trace(INDArray square) {
        return org.nd4j.linalg.factory.Nd4j.diag(square).sumNumber().doubleValue();
    }
}
