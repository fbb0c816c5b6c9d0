package org.gen4j.gmm;

import org.gen4j.stats.CovarianceType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Mixtures with known parameters, to generate test data from. */
final class KnownMixtures {
    private KnownMixtures() {
    }

    static GaussianMixture threeComponents(CovarianceType type) {
        INDArray weights = Nd4j.createFromArray(0.5, 0.3, 0.2);
        INDArray means = Nd4j.createFromArray(new double[][]{{0, 0}, {6, 1}, {-2, 7}});
        INDArray covariances = switch (type) {
            case FULL -> Nd4j.createFromArray(new double[][][]{
                    {{1.0, 0.6}, {0.6, 2.0}}, {{0.5, -0.2}, {-0.2, 0.4}}, {{2.0, 0.0}, {0.0, 0.3}}});
            case TIED -> Nd4j.createFromArray(new double[][]{{1.0, 0.4}, {0.4, 0.8}});
            case DIAG -> Nd4j.createFromArray(new double[][]{{1.0, 2.0}, {0.5, 0.4}, {2.0, 0.3}});
            case SPHERICAL -> Nd4j.createFromArray(1.0, 0.5, 1.5);
        };
        return GaussianMixture.of(type, weights, means, covariances);
    }

}
