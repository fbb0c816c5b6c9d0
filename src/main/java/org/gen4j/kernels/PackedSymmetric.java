package org.gen4j.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Symmetric d x d matrices stored as their upper triangle, row by row: the layout of {@link PreparedData}. */
public final class PackedSymmetric {
    private PackedSymmetric() {
    }

    public static int size(int d) {
        return d * (d + 1) / 2;
    }

    /** @param packed {@code [p]} @return {@code [d, d]} */
    public static INDArray unpack(double[] packed, int d, org.nd4j.linalg.api.buffer.DataType dtype) {
        double[][] m = new double[d][d];
        int c = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                m[i][j] = packed[c];
                m[j][i] = packed[c];
                c++;
            }
        }
        return Nd4j.createFromArray(m).castTo(dtype);
    }

    /**
     * Coefficients that turn packed outer products into a quadratic form: Σ_ij A_ij x_i x_j = Σ_c coef_c · packed_c,
     * so off-diagonal entries count twice. @param a {@code [d, d]} symmetric @return {@code [p]}
     */
    static double[] quadraticFormCoefficients(INDArray a) {
        double[][] m = a.toDoubleMatrix();
        int d = m.length;
        double[] coef = new double[size(d)];
        int c = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                coef[c++] = i == j ? m[i][i] : m[i][j] + m[j][i];
            }
        }
        return coef;
    }
}
