package org.gen4j.vae;

import org.gen4j.nn.BernoulliLoss;
import org.gen4j.nn.GaussianLoss;
import org.gen4j.nn.KlDivergenceLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our hand-derived gradients against central finite differences, in float64. */
class LossGradientTest {
    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    @Test
    void bernoulliGradientAndValue() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 5);
        INDArray logits = Nd4j.randn(DataType.DOUBLE, 4, 5).muli(3);
        check(new BernoulliLoss(), x, logits);
        // known value: x = 1, logit 0 -> -log p = log 2 per feature
        assertEquals(5 * Math.log(2), -new BernoulliLoss().logProb(Nd4j.ones(DataType.DOUBLE, 1, 5), Nd4j.zeros(DataType.DOUBLE, 1, 5)).getDouble(0), 1e-12);
        // large logits do not overflow
        assertEquals(0, new BernoulliLoss().logProb(Nd4j.ones(DataType.DOUBLE, 1, 1), Nd4j.valueArrayOf(new long[]{1, 1}, 1000.0)).getDouble(0), 1e-12);
    }

    @Test
    void gaussianGradientsAndValue() {
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 3);
        check(new GaussianLoss(true, 1e-2), x, Nd4j.randn(DataType.DOUBLE, 4, 6));
        check(new GaussianLoss(false, 0.5), x, Nd4j.randn(DataType.DOUBLE, 4, 3));
        // known value: N(1; 0, 0.5) in one dimension
        double expected = -0.5 * Math.log(2 * Math.PI * 0.5) - 1.0 / (2 * 0.5);
        assertEquals(expected, new GaussianLoss(false, 0.5).logProb(Nd4j.ones(DataType.DOUBLE, 1, 1), Nd4j.zeros(DataType.DOUBLE, 1, 1)).getDouble(0), 1e-12);
    }

    @Test
    void categoricalGradientAndValue() {
        CategoricalLoss loss = new CategoricalLoss(new int[]{2, 3});
        INDArray x = Nd4j.create(new double[][]{{1, 0, 0, 0, 1}, {0, 1, 1, 0, 0}});
        check(loss, x, Nd4j.randn(DataType.DOUBLE, 2, 5));
        // known value: equal logits -> log(1/2) + log(1/3)
        assertEquals(Math.log(0.5) + Math.log(1.0 / 3), loss.logProb(x, Nd4j.zeros(DataType.DOUBLE, 2, 5)).getDouble(1), 1e-12);
        INDArray p = loss.mean(Nd4j.randn(DataType.DOUBLE, 2, 5));
        assertEquals(1.0, p.getDouble(0, 0) + p.getDouble(0, 1), 1e-12);
        assertEquals(1.0, p.getDouble(1, 2) + p.getDouble(1, 3) + p.getDouble(1, 4), 1e-12);
    }

    @Test
    void klGradientAndValue() {
        KlDivergenceLoss kl = new KlDivergenceLoss();
        kl.setWeight(2.5);
        check(kl, Nd4j.zeros(DataType.DOUBLE, 4, 6), Nd4j.randn(DataType.DOUBLE, 4, 6));
        // known value: KL(N(1, e^0) || N(0, 1)) = 1/2 per dimension; KL of the prior itself is 0
        assertEquals(0.5, KlDivergenceLoss.perSample(Nd4j.create(new double[][]{{1, 0}})).getDouble(0), 1e-12);
        assertEquals(0, KlDivergenceLoss.perSample(Nd4j.zeros(DataType.DOUBLE, 1, 4)).getDouble(0), 1e-12);
    }

    private static void check(ILossFunction loss, INDArray labels, INDArray preOutput) {
        INDArray analytic = loss.computeGradient(labels, preOutput, IDENTITY, null);
        double h = 1e-6;
        for (int i = 0; i < preOutput.length(); i++) {
            INDArray up = preOutput.dup(), down = preOutput.dup();
            up.putScalar(i, up.getDouble(i) + h);
            down.putScalar(i, down.getDouble(i) - h);
            double numeric = (loss.computeScore(labels, up, IDENTITY, null, false) - loss.computeScore(labels, down, IDENTITY, null, false)) / (2 * h);
            assertEquals(numeric, analytic.getDouble(i), 1e-5 * Math.max(1, Math.abs(numeric)), loss + " element " + i);
        }
    }

    @Test
    void theScoreAfterAGradientPassIsTheScoreOfThoseArraysOnly() {
        Nd4j.getRandom().setSeed(73);
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            BernoulliLoss loss = new BernoulliLoss();
            INDArray x = Nd4j.rand(type, 6, 130), logits = Nd4j.randn(type, 6, 130).muli(4);
            INDArray alone = loss.computeScoreArray(x, logits, IDENTITY, null);
            INDArray gradient = loss.computeGradient(x, logits, IDENTITY, null);
            INDArray afterGradient = loss.computeScoreArray(x, logits, IDENTITY, null);
            // float32: the two passes sum a row's 130 terms in different orders; rows reach a few hundred, so
            // a few float32 ulps of the row (1.1e-4 was seen once with an unseeded draw) is the honest bound
            double tolerance = type == DataType.FLOAT ? 4 * Math.ulp(alone.amaxNumber().floatValue()) * 130 : 1e-11;
            assertEquals(0.0, alone.sub(afterGradient).amaxNumber().doubleValue(), tolerance);
            INDArray sigmoidMinusX = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(logits, true).subi(x);
            assertEquals(0.0, gradient.sub(sigmoidMinusX).amaxNumber().doubleValue(), type == DataType.FLOAT ? 1e-6 : 1e-11);
            // other logits after a gradient pass get their own score, not the remembered one
            loss.computeGradient(x, logits, IDENTITY, null);
            INDArray other = logits.mul(2);
            assertEquals(0.0, loss.computeScoreArray(x, other, IDENTITY, null).sub(new BernoulliLoss().computeScoreArray(x, other, IDENTITY, null))
                    .amaxNumber().doubleValue(), 0.0);
        }
    }
}
