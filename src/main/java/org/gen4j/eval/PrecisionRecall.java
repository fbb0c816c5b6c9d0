package org.gen4j.eval;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Improved precision and recall of generated samples (Kynkäänniemi et al. 2019): each set's manifold is the union
 * of balls around its points reaching their k-th nearest neighbour. Precision = share of generated points inside
 * the real manifold (are samples realistic?); recall = share of real points inside the generated manifold (is
 * the data's variety covered?).
 *
 * @param precision in [0, 1]
 * @param recall    in [0, 1]
 */
public record PrecisionRecall(double precision, double recall) {

    public static final int DEFAULT_K = 3;

    public static PrecisionRecall of(INDArray realFeatures, INDArray fakeFeatures) {
        return of(realFeatures, fakeFeatures, DEFAULT_K);
    }

    public static PrecisionRecall of(INDArray realFeatures, INDArray fakeFeatures, int k) {
        INDArray real = realFeatures.castTo(DataType.DOUBLE), fake = fakeFeatures.castTo(DataType.DOUBLE);
        if (k < 1 || real.rows() <= k || fake.rows() <= k) {
            throw new Gen4jException("precision/recall with k = " + k + " needs more than k rows in each set (got "
                    + real.rows() + " and " + fake.rows() + ")");
        }
        return new PrecisionRecall(insideShare(fake, real, k), insideShare(real, fake, k));
    }

    /** Share of {@code points} inside the k-NN manifold of {@code manifold}. */
    private static double insideShare(INDArray points, INDArray manifold, int k) {
        INDArray within = Distances.squared(manifold, manifold);
        double[] radii = new double[(int) manifold.rows()];
        for (int i = 0; i < radii.length; i++) {
            double[] row = within.getRow(i).dup().data().asDouble();
            java.util.Arrays.sort(row);
            radii[i] = row[k];                                  // row[0] is the point itself
        }
        INDArray across = Distances.squared(points, manifold);
        int inside = 0;
        for (int i = 0; i < points.rows(); i++) {
            double[] d = across.getRow(i).dup().data().asDouble();
            for (int j = 0; j < d.length; j++) {
                if (d[j] <= radii[j]) {
                    inside++;
                    break;
                }
            }
        }
        return inside / (double) points.rows();
    }
}
