package org.gen4j.testing;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Pairs fitted components or states with true ones, since a fit may number them in any order. */
public final class Matching {
    private Matching() {
    }

    /** For each true row, the index of the fitted row nearest to it. @param truth {@code [k, d]} @param fitted {@code [k, d]} */
    public static int[] nearestRows(INDArray truth, INDArray fitted) {
        int k = (int) truth.rows();
        int[] match = new int[k];
        for (int j = 0; j < k; j++) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < fitted.rows(); i++) {
                double distance = truth.getRow(j).distance2(fitted.getRow(i));
                if (distance < best) {
                    best = distance;
                    match[j] = i;
                }
            }
        }
        return match;
    }
}
