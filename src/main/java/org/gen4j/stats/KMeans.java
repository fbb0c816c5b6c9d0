package org.gen4j.stats;

import org.gen4j.data.OneHot;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Random;

/** k-means++ seeding (Arthur & Vassilvitskii 2007) and Lloyd's iterations, as batched distance matrices. */
public final class KMeans {
    private static final int MAX_LLOYD_ITERATIONS = 300;

    private KMeans() {
    }

    /**
     * k centres from the data: the first uniformly, each next one with probability proportional to its squared
     * distance from the nearest centre chosen so far.
     *
     * @param x {@code [n, d]}  @return {@code [k, d]}
     */
    public static INDArray plusPlusCentres(INDArray x, int k, Random random) {
        int n = (int) x.rows();
        int[] chosen = new int[k];
        chosen[0] = random.nextInt(n);
        INDArray nearest = squaredDistances(x, x.getRow(chosen[0], true)).reshape(n);   // [n]
        for (int c = 1; c < k; c++) {
            double[] cumulative = nearest.cumsum(0).toDoubleVector();
            double total = cumulative[n - 1];
            if (total <= 0) {
                chosen[c] = random.nextInt(n);      // every point is already a centre
            } else {
                int i = Arrays.binarySearch(cumulative, random.nextDouble() * total);
                chosen[c] = Math.min(i >= 0 ? i + 1 : -i - 1, n - 1);
                while (chosen[c] > 0 && cumulative[chosen[c]] == cumulative[chosen[c] - 1]) {
                    chosen[c]--;                    // skip zero-probability points that tie
                }
            }
            INDArray distance = squaredDistances(x, x.getRow(chosen[c], true)).reshape(n);
            nearest = Nd4j.math().min(nearest, distance);
        }
        return x.getRows(chosen);
    }

    /** Lloyd's algorithm from the given centres until no centre moves. @return {@code [k, d]} */
    public static INDArray lloyd(INDArray x, INDArray centres) {
        INDArray current = centres.dup();
        int k = (int) centres.rows();
        for (int iteration = 0; iteration < MAX_LLOYD_ITERATIONS; iteration++) {
            INDArray assignment = OneHot.rows(nearest(x, current), k, x.dataType());         // [n, k]
            INDArray counts = assignment.sum(0);                                         // [k]
            INDArray sums = assignment.transpose().mmul(x);                              // [k, d]
            INDArray next = current.dup();
            for (int j = 0; j < k; j++) {
                double count = counts.getDouble(j);
                if (count > 0) {                    // an empty cluster keeps its centre
                    next.getRow(j).assign(sums.getRow(j).div(count));
                }
            }
            boolean moved = next.sub(current).norm2Number().doubleValue() > 1e-12 * (1 + current.norm2Number().doubleValue());
            current = next;
            if (!moved) {
                break;
            }
        }
        return current;
    }

    /** @param x {@code [n, d]} @param centres {@code [k, d]} @return {@code [n, k]} squared Euclidean distances */
    public static INDArray squaredDistances(INDArray x, INDArray centres) {
        INDArray d2 = x.mmul(centres.transpose()).muli(-2)
                .addiColumnVector(x.mul(x).sum(true, 1))
                .addiRowVector(centres.mul(centres).sum(true, 1).reshape(1, centres.rows()));
        return org.nd4j.linalg.ops.transforms.Transforms.max(d2, 0.0, false);    // rounding can make a zero distance slightly negative
    }

    /** @return {@code [n]} index of the nearest centre of each row */
    public static INDArray nearest(INDArray x, INDArray centres) {
        return Nd4j.argMin(squaredDistances(x, centres), 1);
    }
}
