package org.gen4j.hmm;

import org.gen4j.data.Datasets;
import org.gen4j.data.SequenceBatch;
import org.gen4j.data.Table;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaumWelchTest {

    @Test
    void logLikelihoodNeverDecreases() {
        for (HiddenMarkovModel truth : List.of(KnownHmms.threeStateGaussian(), KnownHmms.twoStateCategorical(),
                KnownHmms.twoStatePoisson(), KnownHmms.twoStateMixture())) {
            SequenceBatch data = truth.sample(6, 80, 2).observations();
            BaumWelch.Builder builder = BaumWelch.builder().states(truth.states()).emission(truth.emission().kind())
                    .tol(0).maxIter(30).seed(3);
            if (truth.emission() instanceof GaussianMixtureEmission) {
                builder.gaussianMixture(2, CovarianceType.DIAG);
            }
            HiddenMarkovModel fitted = builder.build().fit(data);
            double[] history = fitted.fitSummary().history();
            for (int i = 1; i < history.length; i++) {
                assertTrue(history[i] >= history[i - 1] - 1e-7, truth.emission().kind() + " fell at " + i + ": " + Arrays.toString(history));
            }
        }
    }

    @Test
    void recoversAKnownGaussianHmmFromLongSamples() {
        HiddenMarkovModel truth = KnownHmms.threeStateGaussian();
        SequenceBatch data = truth.sample(20, 1000, 7).observations();
        HiddenMarkovModel fitted = BaumWelch.builder().states(3).gaussian(CovarianceType.DIAG).nInit(2).seed(1)
                .tol(1e-4).build().fit(data);
        int[] match = org.gen4j.testing.Matching.nearestRows(((GaussianEmission) truth.emission()).gaussians().means(),
                ((GaussianEmission) fitted.emission()).gaussians().means());
        double[][] a = truth.transMat().toDoubleMatrix();
        double[][] b = fitted.transMat().toDoubleMatrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(a[i][j], b[match[i]][match[j]], 0.02, "transition " + i + "->" + j);
            }
        }
        assertTrue(fitted.logProb(data).sumNumber().doubleValue() >= truth.logProb(data).sumNumber().doubleValue());
    }

    @Test
    void recoversAKnownCategoricalHmm() {
        HiddenMarkovModel truth = KnownHmms.twoStateCategorical();
        SequenceBatch data = truth.sample(30, 500, 5).observations();
        HiddenMarkovModel fitted = BaumWelch.builder().states(2).categorical(4).nInit(3).seed(2).tol(1e-5)
                .maxIter(500).build().fit(data);
        INDArray emitTruth = ((CategoricalEmission) truth.emission()).probabilities();
        INDArray emitFitted = ((CategoricalEmission) fitted.emission()).probabilities();
        boolean swapped = emitFitted.getDouble(0, 0) < emitFitted.getDouble(1, 0);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(emitTruth.getRow(k).toDoubleVector(), emitFitted.getRow(swapped ? 1 - k : k).toDoubleVector(), 0.03);
        }
    }

    @Test
    void recoversTheComponentsOfAMixtureEmission() {
        HiddenMarkovModel truth = KnownHmms.twoStateMixture();
        SequenceBatch data = truth.sample(20, 500, 9).observations();
        HiddenMarkovModel fitted = BaumWelch.builder().states(2).gaussianMixture(2, CovarianceType.DIAG).nInit(3).seed(4)
                .tol(1e-4).build().fit(data);
        double[] means = ((GaussianMixtureEmission) fitted.emission()).gaussians().means().toDoubleVector();
        double[] sorted = means.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new double[]{-6, -2, 3, 9}, sorted, 0.15);
        assertTrue(fitted.logProb(data).sumNumber().doubleValue() >= truth.logProb(data).sumNumber().doubleValue() - 1e-6);
    }

    @Test
    void streamingOverChunksRetracesTheInMemoryFit() {
        for (HiddenMarkovModel truth : List.of(KnownHmms.threeStateGaussian(), KnownHmms.twoStateMixture(),
                KnownHmms.twoStateCategorical())) {
            HiddenMarkovModel.Sampled sampled = truth.sample(12, 60, 4);
            SequenceBatch all = sampled.observations();
            List<SequenceBatch> chunks = List.of(SequenceBatch.of(all.sequences().subList(0, 5)),
                    SequenceBatch.of(all.sequences().subList(5, 9)), SequenceBatch.of(all.sequences().subList(9, 12)));
            BaumWelch fromTruth = BaumWelch.builder().states(truth.states()).startProb(truth.startProb())
                    .transMat(truth.transMat()).emission(truth.emission()).tol(0).maxIter(8).build();
            HiddenMarkovModel inMemory = fromTruth.fit(all);
            HiddenMarkovModel streamed = fromTruth.fit(chunks);
            assertArrayEquals(inMemory.fitSummary().history(), streamed.fitSummary().history(), 1e-7, truth.emission().kind());
            assertEquals(0, inMemory.transMat().sub(streamed.transMat()).amaxNumber().doubleValue(), 1e-9);
        }
    }

    @Test
    void fitsFromADl4jTimeSeriesIterator() {
        HiddenMarkovModel truth = KnownHmms.threeStateGaussian();
        SequenceBatch all = truth.sample(6, 40, 2).observations();
        // DL4J's layout: [batch, d, T], here with two sequences cut short by a mask
        INDArray features = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 6, 2, 40);
        INDArray mask = Nd4j.ones(6, 40);
        List<INDArray> sequences = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int length = i < 2 ? 25 : 40;
            INDArray s = all.sequence(i).get(NDArrayIndex.interval(0, length), NDArrayIndex.all());
            features.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(0, length)).assign(s.transpose());
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(length, 40)).assign(0);
            sequences.add(s.dup());
        }
        org.nd4j.linalg.dataset.DataSet dataSet = new org.nd4j.linalg.dataset.DataSet(features, features, mask, mask);
        BaumWelch trainer = BaumWelch.builder().states(3).startProb(truth.startProb()).transMat(truth.transMat())
                .emission(truth.emission()).tol(0).maxIter(5).build();
        HiddenMarkovModel fromIterator = trainer.fit(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                dataSet.batchBy(4), 1));
        HiddenMarkovModel direct = trainer.fit(SequenceBatch.of(sequences));
        assertArrayEquals(direct.fitSummary().history(), fromIterator.fitSummary().history(), 1e-6);
    }

    @Test
    void zeroTransitionsStayZero() {
        INDArray leftRight = Nd4j.createFromArray(new double[][]{{0.7, 0.3, 0.0}, {0.0, 0.7, 0.3}, {0.0, 0.0, 1.0}});
        HiddenMarkovModel fitted = BaumWelch.builder().states(3).gaussian(CovarianceType.SPHERICAL)
                .startProb(Nd4j.createFromArray(1.0, 0.0, 0.0)).transMat(leftRight).maxIter(20).seed(1).build()
                .fit(KnownHmms.threeStateGaussian().sample(5, 100, 1).observations());
        double[][] a = fitted.transMat().toDoubleMatrix();
        assertEquals(0.0, a[0][2]);
        assertEquals(0.0, a[1][0]);
        assertEquals(0.0, a[2][0]);
        assertEquals(0.0, a[2][1]);
        assertEquals(0.0, fitted.startProb().getDouble(1));
    }

    @Test
    void onlyTheChosenParametersAreLearned() {
        HiddenMarkovModel truth = KnownHmms.twoStatePoisson();
        SequenceBatch data = truth.sample(4, 100, 3).observations();
        HiddenMarkovModel fitted = BaumWelch.builder().states(2).emission(truth.emission()).params("t").maxIter(5)
                .build().fit(data);
        assertEquals(((PoissonEmission) truth.emission()).rates(), ((PoissonEmission) fitted.emission()).rates());
        assertEquals(truth.startProb().castTo(fitted.startProb().dataType()), fitted.startProb());
        assertFalse(truth.transMat().equals(fitted.transMat()));
    }

    @Test
    void sameSeedSameModel() {
        SequenceBatch data = KnownHmms.threeStateGaussian().sample(4, 100, 3).observations();
        BaumWelch trainer = BaumWelch.builder().states(3).nInit(2).seed(8).maxIter(10).build();
        assertEquals(trainer.fit(data).transMat(), trainer.fit(data).transMat());
    }

    /** Old Faithful's waiting times alternate between short and long: two states, means near 54 and 80 minutes. */
    @Test
    void oldFaithfulWaitingTimesHaveAShortAndALongState() {
        Table waiting = Datasets.load("faithful", List.of("waiting"));
        HiddenMarkovModel hmm = BaumWelch.builder().states(2).gaussian(CovarianceType.DIAG).nInit(3).seed(1).build()
                .fit(SequenceBatch.of(waiting.features()));
        double[] means = ((GaussianEmission) hmm.emission()).gaussians().means().toDoubleVector();
        Arrays.sort(means);
        assertEquals(54.5, means[0], 1.5);
        assertEquals(80.0, means[1], 1.5);
        // a short wait is almost always followed by a long one
        int shortState = ((GaussianEmission) hmm.emission()).gaussians().means().getDouble(0, 0) < 65 ? 0 : 1;
        assertTrue(hmm.transMat().getDouble(shortState, 1 - shortState) > 0.9);
    }

    /** Daily log returns of four European indices: a calm and a turbulent regime, the latter far more volatile. */
    @Test
    void europeanStockReturnsSplitIntoCalmAndTurbulentRegimes() {
        INDArray prices = Datasets.load("eustockmarkets").features();
        INDArray logPrices = Transforms.log(prices, true);
        long n = prices.rows();
        INDArray returns = logPrices.get(NDArrayIndex.interval(1, n), NDArrayIndex.all())
                .sub(logPrices.get(NDArrayIndex.interval(0, n - 1), NDArrayIndex.all())).muli(100);
        HiddenMarkovModel hmm = BaumWelch.builder().states(2).gaussian(CovarianceType.FULL).nInit(3).seed(4).build()
                .fit(SequenceBatch.of(returns));
        INDArray covariances = ((GaussianEmission) hmm.emission()).gaussians().covariances();
        double trace0 = covariances.getDouble(0, 0, 0) + covariances.getDouble(0, 1, 1);
        double trace1 = covariances.getDouble(1, 0, 0) + covariances.getDouble(1, 1, 1);
        assertTrue(Math.max(trace0, trace1) / Math.min(trace0, trace1) > 2, "volatility ratio");
        // regimes persist: an expected stay 1 / (1 - a_ii) of more than five trading days in each
        assertTrue(hmm.transMat().getDouble(0, 0) > 0.8 && hmm.transMat().getDouble(1, 1) > 0.8, "regimes persist");
        int[] path = hmm.viterbi(SequenceBatch.of(returns)).get(0).states();
        assertEquals(1859, path.length);
    }
}
