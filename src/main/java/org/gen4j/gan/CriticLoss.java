package org.gen4j.gan;

import org.gen4j.nn.PerSampleLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Wasserstein critic loss on the critic's score a: {@code -y * a} with {@code y = +1} for real rows and
 * {@code -1} for generated ones, so the critic maximises {@code E[a(real)] - E[a(fake)]} and the generator (labels
 * +1) maximises {@code E[a(fake)]}.
 */
public final class CriticLoss extends PerSampleLoss {

    @Override
    protected INDArray lossPerSample(INDArray signs, INDArray scores) {
        return signs.castTo(scores.dataType()).mul(scores).sum(1).negi();
    }

    @Override
    protected INDArray lossGradient(INDArray signs, INDArray scores) {
        return signs.castTo(scores.dataType()).neg();
    }

    @Override
    public String name() {
        return "wasserstein-critic";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CriticLoss;
    }

    @Override
    public int hashCode() {
        return 23;
    }

    @Override
    public String toString() {
        return "WassersteinCritic";
    }
}
