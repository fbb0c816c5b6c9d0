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
        return plusPlusCentres(x, k, random, null);
    }

    /**
     * k-means++ with weighted rows: each draw is proportional to the row's weight times its squared distance (the
     * first to the weight alone), as if a row of weight k were there k times.
     *
     * @param weights {@code [n]}, or null for one each
     */
    public static INDArray plusPlusCentres(INDArray x, int k, Random random, INDArray weights) {
        int n = (int) x.rows();
        int[] chosen = new int[k];
        chosen[0] = weights == null ? random.nextInt(n) : draw(weights.toDoubleVector(), random);
        INDArray nearest = squaredDistances(x, x.getRow(chosen[0], true)).reshape(n);   // [n]
        INDArray w = weights == null ? null : weights.reshape(n).castTo(nearest.dataType());
        for (int c = 1; c < k; c++) {
            double[] cumulative = (w == null ? nearest : nearest.mul(w)).cumsum(0).toDoubleVector();
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

    /** The index of one draw proportional to the weights. */
    private static int draw(double[] weights, Random random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0 && weights[i] > 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; ; i--) {
            if (weights[i] > 0) {
                return i;                        // rounding left the target at the very end
            }
        }
    }

    /** Lloyd's algorithm from the given centres until no centre moves. @return {@code [k, d]} */
    public static INDArray lloyd(INDArray x, INDArray centres) {
        return lloyd(x, centres, null);
    }

    /** Lloyd's algorithm with weighted rows (each centre the weighted mean of its rows). @param weights {@code [n]} or null */
    public static INDArray lloyd(INDArray x, INDArray centres, INDArray weights) {
        INDArray current = centres.dup();
        int k = (int) centres.rows();
        for (int iteration = 0; iteration < MAX_LLOYD_ITERATIONS; iteration++) {
            INDArray assignment = OneHot.rows(nearest(x, current), k, x.dataType());         // [n, k]
            if (weights != null) {
                assignment.muliColumnVector(weights.reshape(x.rows(), 1).castTo(x.dataType()));
            }
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
