package org.gen4j.hmm;

import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.GaussianComponents;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hidden Markov models with known parameters, to test against. */
final class KnownHmms {
    private KnownHmms() {
    }

    static HiddenMarkovModel threeStateGaussian() {
        INDArray start = Nd4j.createFromArray(0.6, 0.3, 0.1);
        INDArray trans = Nd4j.createFromArray(new double[][]{{0.8, 0.15, 0.05}, {0.1, 0.8, 0.1}, {0.2, 0.2, 0.6}});
        INDArray means = Nd4j.createFromArray(new double[][]{{0, 0}, {4, 1}, {-3, 5}});
        INDArray vars = Nd4j.createFromArray(new double[][]{{1.0, 0.5}, {0.6, 1.5}, {2.0, 0.8}});
        return HiddenMarkovModel.of(start, trans, GaussianEmission.of(CovarianceType.DIAG, means, vars));
    }

    static HiddenMarkovModel twoStateCategorical() {
        INDArray start = Nd4j.createFromArray(0.7, 0.3);
        INDArray trans = Nd4j.createFromArray(new double[][]{{0.9, 0.1}, {0.25, 0.75}});
        INDArray emit = Nd4j.createFromArray(new double[][]{{0.6, 0.3, 0.1, 0.0}, {0.05, 0.15, 0.3, 0.5}});
        return HiddenMarkovModel.of(start, trans, new CategoricalEmission(emit));
    }

    static HiddenMarkovModel twoStatePoisson() {
        INDArray start = Nd4j.createFromArray(0.5, 0.5);
        INDArray trans = Nd4j.createFromArray(new double[][]{{0.95, 0.05}, {0.1, 0.9}});
        return HiddenMarkovModel.of(start, trans, new PoissonEmission(Nd4j.createFromArray(new double[][]{{2.0}, {12.0}})));
    }

    /** Two states, each a mixture of two well-separated 1-D Gaussians. */
    static HiddenMarkovModel twoStateMixture() {
        INDArray start = Nd4j.createFromArray(0.5, 0.5);
        INDArray trans = Nd4j.createFromArray(new double[][]{{0.9, 0.1}, {0.2, 0.8}});
        INDArray means = Nd4j.createFromArray(new double[][]{{-6}, {-2}, {3}, {9}});
        INDArray vars = Nd4j.createFromArray(new double[][]{{0.5}, {0.5}, {0.8}, {0.8}});
        GaussianComponents g = GaussianComponents.fromCovariances(CovarianceType.DIAG, means, vars);
        return HiddenMarkovModel.of(start, trans,
                new GaussianMixtureEmission(g, Nd4j.createFromArray(new double[][]{{0.3, 0.7}, {0.6, 0.4}}), 1e-6));
    }
}
