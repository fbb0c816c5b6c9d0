package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.SequenceBatch;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HiddenMarkovModelTest {

    /** Sums and maximises over all K^T state paths by brute force. */
    static final class Enumeration {
        final double logLikelihood;
        final int[] bestPath;
        final double bestLogProbability;
        final double[][] marginals;

        Enumeration(HiddenMarkovModel hmm, INDArray sequence) {
            int k = hmm.states();
            int steps = (int) sequence.rows();
            double[] pi = hmm.startProb().toDoubleVector();
            double[][] a = hmm.transMat().toDoubleMatrix();
            double[][] logB = hmm.emission().logLikelihood(sequence).toDoubleMatrix();
            int paths = (int) Math.pow(k, steps);
            double[] logJoint = new double[paths];
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int p = 0; p < paths; p++) {
                int[] z = path(p, k, steps);
                double lp = Math.log(pi[z[0]]) + logB[0][z[0]];
                for (int t = 1; t < steps; t++) {
                    lp += Math.log(a[z[t - 1]][z[t]]) + logB[t][z[t]];
                }
                logJoint[p] = lp;
                if (lp > max) {
                    max = lp;
                    best = p;
                }
            }
            double sum = 0;
            for (double lp : logJoint) {
                sum += Math.exp(lp - max);
            }
            logLikelihood = max + Math.log(sum);
            bestPath = path(best, k, steps);
            bestLogProbability = max;
            marginals = new double[steps][k];
            for (int p = 0; p < paths; p++) {
                int[] z = path(p, k, steps);
                double w = Math.exp(logJoint[p] - logLikelihood);
                for (int t = 0; t < steps; t++) {
                    marginals[t][z[t]] += w;
                }
            }
        }

        static int[] path(int code, int k, int steps) {
            int[] z = new int[steps];
            for (int t = 0; t < steps; t++) {
                z[t] = code % k;
                code /= k;
            }
            return z;
        }
    }

    @Test
    void forwardViterbiAndPosteriorsMatchBruteForceEnumeration() {
        for (HiddenMarkovModel hmm : List.of(KnownHmms.threeStateGaussian(), KnownHmms.twoStateCategorical(),
                KnownHmms.twoStatePoisson(), KnownHmms.twoStateMixture())) {
            SequenceBatch batch = SequenceBatch.of(hmm.sample(3, 6, 1).observations().sequence(0),
                    hmm.sample(1, 4, 2).observations().sequence(0), hmm.sample(1, 1, 3).observations().sequence(0),
                    hmm.sample(1, 5, 4).observations().sequence(0));
            double[] logProb = hmm.logProb(batch).toDoubleVector();
            List<Viterbi.Path> paths = hmm.viterbi(batch);
            List<INDArray> posteriors = hmm.posterior(batch);
            for (int i = 0; i < batch.size(); i++) {
                Enumeration truth = new Enumeration(hmm, batch.sequence(i));
                String what = hmm.emission().kind() + " sequence " + i;
                assertEquals(truth.logLikelihood, logProb[i], 1e-9, what);
                assertArrayEquals(truth.bestPath, paths.get(i).states(), what);
                assertEquals(truth.bestLogProbability, paths.get(i).logProbability(), 1e-9, what);
                double[][] p = posteriors.get(i).toDoubleMatrix();
                for (int t = 0; t < p.length; t++) {
                    assertArrayEquals(truth.marginals[t], p[t], 1e-9, what + " step " + t);
                }
            }
        }
    }

    @Test
    void aHundredThousandStepsDoNotUnderflow() {
        HiddenMarkovModel hmm = KnownHmms.threeStateGaussian();
        SequenceBatch longOne = hmm.sample(1, 100_000, 5).observations();
        double logLikelihood = hmm.logProb(longOne).getDouble(0);
        assertTrue(Double.isFinite(logLikelihood));
        // the per-step average agrees with that of short pieces of the same process
        double perStep = logLikelihood / 100_000;
        double pieces = hmm.logProb(hmm.sample(200, 500, 6).observations()).sumNumber().doubleValue() / 100_000;
        assertEquals(pieces, perStep, 0.05);
        assertEquals(100_000, hmm.viterbi(longOne).get(0).states().length);
    }

    @Test
    void stepSurprisesAddUpToTheSequenceLogLikelihood() {
        HiddenMarkovModel hmm = KnownHmms.twoStateCategorical();
        SequenceBatch batch = hmm.sample(3, 50, 9).observations();
        List<INDArray> surprise = hmm.stepSurprise(batch);
        double[] logProb = hmm.logProb(batch).toDoubleVector();
        for (int i = 0; i < 3; i++) {
            assertEquals(-logProb[i], surprise.get(i).sumNumber().doubleValue(), 1e-9);
        }
    }

    @Test
    void samplingIsSeeded() {
        HiddenMarkovModel hmm = KnownHmms.threeStateGaussian();
        HiddenMarkovModel.Sampled a = hmm.sample(2, 30, 11);
        HiddenMarkovModel.Sampled b = hmm.sample(2, 30, 11);
        assertEquals(a.observations().sequence(1), b.observations().sequence(1));
        assertArrayEquals(a.states().get(0), b.states().get(0));
    }

    @Test
    void saveAndLoadEveryEmission(@TempDir Path dir) {
        for (HiddenMarkovModel hmm : List.of(KnownHmms.threeStateGaussian(), KnownHmms.twoStateCategorical(),
                KnownHmms.twoStatePoisson(), KnownHmms.twoStateMixture())) {
            SequenceBatch batch = hmm.sample(3, 40, 1).observations();
            Path file = dir.resolve(hmm.emission().kind() + ".hmm");
            ModelIO.save(hmm, file);
            HiddenMarkovModel loaded = ModelIO.load(file, HiddenMarkovModel.class);
            assertEquals(hmm.logProb(batch), loaded.logProb(batch));
            assertEquals(hmm.transMat(), loaded.transMat());
        }
    }

    @Test
    void badInputIsNamed() {
        HiddenMarkovModel categorical = KnownHmms.twoStateCategorical();
        assertMessage("unknown symbol 7.0 at step 2", () -> categorical.logProb(SequenceBatch.of(Nd4j.createFromArray(new double[][]{{0}, {1}, {7}}))));
        assertMessage("is empty (length 0)", () -> SequenceBatch.of(Nd4j.create(0, 1)));
        assertMessage("Infinity at row 1", () -> SequenceBatch.of(Nd4j.createFromArray(new double[][]{{0}, {Double.NEGATIVE_INFINITY}})));
        assertMessage("transition matrix: row 1 sums to 0.900000, not 1", () -> HiddenMarkovModel.of(Nd4j.createFromArray(0.5, 0.5),
                Nd4j.createFromArray(new double[][]{{0.5, 0.5}, {0.6, 0.3}}), categorical.emission()));
        CategoricalEmission neverThree = new CategoricalEmission(Nd4j.createFromArray(new double[][]{
                {0.5, 0.5, 0.0, 0.0}, {0.2, 0.3, 0.5, 0.0}}));
        assertMessage("step 1 of sequence 0: no state can emit", () -> HiddenMarkovModel.of(Nd4j.createFromArray(0.5, 0.5),
                Nd4j.createFromArray(new double[][]{{0.5, 0.5}, {0.5, 0.5}}), neverThree)
                .logProb(SequenceBatch.of(Nd4j.createFromArray(new double[][]{{0}, {3}}))));
        assertMessage("probability 0 under the model at step 1", () -> HiddenMarkovModel.of(Nd4j.createFromArray(1.0, 0.0),
                Nd4j.createFromArray(new double[][]{{1.0, 0.0}, {0.0, 1.0}}), categorical.emission())
                .logProb(SequenceBatch.of(Nd4j.createFromArray(new double[][]{{0}, {3}}))));
        HiddenMarkovModel gaussian = KnownHmms.threeStateGaussian();
        assertMessage("the sequences have 3 columns, the model expects 2",
                () -> gaussian.logProb(SequenceBatch.of(Nd4j.rand(5, 3))));
    }

    static void assertMessage(String part, Runnable action) {
        Gen4jException e = assertThrows(Gen4jException.class, action::run);
        assertTrue(e.getMessage().contains(part), "message was: " + e.getMessage());
    }

    @Test
    void gaussianEmissionsOfEveryCovarianceTypeScoreLikeTheirGaussians() {
        for (CovarianceType type : CovarianceType.values()) {
            HiddenMarkovModel hmm = BaumWelch.builder().states(2).gaussian(type).maxIter(3).seed(1).build()
                    .fit(KnownHmms.threeStateGaussian().sample(4, 60, 3).observations());
            INDArray x = Nd4j.rand(7, 2).muli(5);
            INDArray direct = ((GaussianEmission) hmm.emission()).gaussians().logDensity(x);
            assertEquals(0, direct.sub(hmm.emission().logLikelihood(x)).amaxNumber().doubleValue(), 1e-9, type.label());
        }
    }
}
