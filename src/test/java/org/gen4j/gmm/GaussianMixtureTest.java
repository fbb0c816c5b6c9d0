package org.gen4j.gmm;

import org.gen4j.stats.CovarianceType;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianMixtureTest {
    private static final Table FAITHFUL = Datasets.load("faithful");

    private static GaussianMixture fitFaithful(CovarianceType type) {
        return GaussianMixtureTrainer.builder().components(2).covariance(type).nInit(5).tol(1e-8).maxIter(1000)
                .seed(0).build().fit(FAITHFUL);
    }

    /** Reference values: scikit-learn 1.2.1, GaussianMixture(2, n_init=5, tol=1e-8) on the same file. */
    /** 10,000 columns with full covariances need ~14 GB: refused at once with what it takes and what to use instead. */
    @Test
    void fullCovarianceThatCannotFitIsRefusedUpFront() {
        INDArray wide = Nd4j.rand(DataType.DOUBLE, 30, 10_000);
        Gen4jException e = org.junit.jupiter.api.Assertions.assertThrows(Gen4jException.class,
                () -> GaussianMixtureTrainer.builder().components(2).covariance(CovarianceType.FULL).build().fit(wide));
        assertTrue(e.getMessage().contains("50,015,001 second-order terms per component") && e.getMessage().contains("--covariance diag"),
                e.getMessage());
        assertEquals(2, GaussianMixtureTrainer.builder().components(2).covariance(CovarianceType.DIAG).maxIter(2).build()
                .fit(wide).components(), "a diagonal covariance fits the same data");
    }

    @Test
    void findsTheTwoEruptionTypesOfOldFaithful() {
        GaussianMixture gmm = fitFaithful(CovarianceType.FULL);
        int shortFirst = gmm.means().getDouble(0, 0) < gmm.means().getDouble(1, 0) ? 0 : 1;
        int longer = 1 - shortFirst;
        assertEquals(0.35587308, gmm.weights().getDouble(shortFirst), 1e-5);
        assertArrayEquals(new double[]{2.036389, 54.47852183}, gmm.means().getRow(shortFirst).toDoubleVector(), 1e-4);
        assertArrayEquals(new double[]{4.28966245, 79.96812101}, gmm.means().getRow(longer).toDoubleVector(), 1e-4);
        assertEquals(-4.155382206604758, gmm.meanLogProb(FAITHFUL.features()), 1e-6);
        assertEquals(2322.191743122244, gmm.bic(FAITHFUL.features()), 1e-3);
        assertTrue(gmm.converged());
    }

    @Test
    void everyCovarianceTypeReachesScikitLearnsOptimumOnOldFaithful() {
        double[] expected = {-4.155382206604758, -4.191863086184737, -4.219876296118933, -6.285034125740229};
        CovarianceType[] types = {CovarianceType.FULL, CovarianceType.TIED, CovarianceType.DIAG, CovarianceType.SPHERICAL};
        for (int i = 0; i < types.length; i++) {
            assertEquals(expected[i], fitFaithful(types[i]).meanLogProb(FAITHFUL.features()), 1e-5, types[i].label());
        }
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void emNeverDecreasesTheLowerBound(CovarianceType type) {
        Table iris = Datasets.load("iris");
        GaussianMixture gmm = GaussianMixtureTrainer.builder().components(3).covariance(type).tol(0).maxIter(60)
                .init(Initialization.RANDOM).seed(3).build().fit(iris);
        double[] history = gmm.fitSummary().history();
        assertEquals(60, history.length);
        for (int i = 1; i < history.length; i++) {
            assertTrue(history[i] >= history[i - 1] - 1e-9, "lower bound fell at iteration " + i + ": " + Arrays.toString(history));
        }
        assertFalse(gmm.converged(), "tol 0 must run every iteration");
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void responsibilitiesAreProbabilities(CovarianceType type) {
        GaussianMixture gmm = GaussianMixtureTrainer.builder().components(3).covariance(type).seed(1).build().fit(FAITHFUL);
        INDArray resp = gmm.predictProba(FAITHFUL.features());
        assertArrayEquals(new long[]{272, 3}, resp.shape());
        INDArray rowSums = resp.sum(1);
        assertEquals(0, rowSums.sub(1).amaxNumber().doubleValue(), 1e-12);
        assertTrue(resp.minNumber().doubleValue() >= 0);
        int[] labels = gmm.predict(FAITHFUL.features());
        int[] argmax = Nd4j.argMax(resp, 1).toIntVector();
        assertArrayEquals(argmax, labels);
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void sampledDataRefitsToTheGeneratingParameters(CovarianceType type) {
        GaussianMixture truth = KnownMixtures.threeComponents(type);
        INDArray x = truth.sample(30_000, 11);
        GaussianMixture fitted = GaussianMixtureTrainer.builder().components(3).covariance(type).nInit(3).seed(5)
                .build().fit(x);
        int[] match = org.gen4j.testing.Matching.nearestRows(truth.means(), fitted.means());
        for (int j = 0; j < 3; j++) {
            assertEquals(truth.weights().getDouble(j), fitted.weights().getDouble(match[j]), 0.015, "weight " + j);
            assertArrayEquals(truth.means().getRow(j).toDoubleVector(), fitted.means().getRow(match[j]).toDoubleVector(), 0.06);
        }
        double truthLl = truth.meanLogProb(x);
        double fittedLl = fitted.meanLogProb(x);
        assertTrue(fittedLl >= truthLl - 1e-9, "the MLE fits its own data at least as well as the truth");
        assertTrue(fittedLl - truthLl < 0.01, "and not much better: " + (fittedLl - truthLl));
    }

    @Test
    void sameSeedSameModelAndSameSamples() {
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(3).nInit(2).seed(99).build();
        GaussianMixture a = trainer.fit(FAITHFUL);
        GaussianMixture b = trainer.fit(FAITHFUL);
        assertEquals(a.means(), b.means());
        assertEquals(a.covariances(), b.covariances());
        assertEquals(a.sample(50, 4), b.sample(50, 4));
        assertFalse(a.sample(50, 4).equals(a.sample(50, 5)));
    }

    @Test
    void samplesFollowTheMixtureWeights() {
        GaussianMixture truth = KnownMixtures.threeComponents(CovarianceType.FULL);
        GaussianMixture.LabelledSample s = truth.sampleWithComponents(20_000, 2);
        int[] counts = new int[3];
        for (int c : s.components()) {
            counts[c]++;
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(truth.weights().getDouble(j), counts[j] / 20_000.0, 0.015);
        }
        assertArrayEquals(new long[]{20_000, 2}, s.x().shape());
    }

    @Test
    void singlePrecisionFitsCloseToDoublePrecision() {
        GaussianMixture doubles = fitFaithful(CovarianceType.FULL);
        GaussianMixture floats = GaussianMixtureTrainer.builder().components(2).nInit(5).tol(1e-6).maxIter(1000)
                .seed(0).dataType(DataType.FLOAT).build().fit(FAITHFUL);
        assertEquals(DataType.FLOAT, floats.means().dataType());
        assertEquals(doubles.meanLogProb(FAITHFUL.features()), floats.meanLogProb(FAITHFUL.features()), 1e-3);
    }

    @Test
    void aComponentThatLosesAllItsMassIsReseededNotNaN() {
        INDArray x = FAITHFUL.features();
        INDArray means = Nd4j.createFromArray(new double[][]{{2, 55}, {4.3, 80}, {1000, -1000}});
        GaussianMixture gmm = GaussianMixtureTrainer.builder().components(3).covariance(CovarianceType.FULL)
                .initialMeans(means).maxIter(50).build().fit(x);
        assertTrue(Double.isFinite(gmm.meanLogProb(x)));
        assertFalse(gmm.means().isNaN().any() || gmm.covariances().isNaN().any());
        assertTrue(gmm.means().getRow(2).getDouble(0) < 10, "the far component moved onto the data");
    }

    @Test
    void warmStartContinuesFromTheGivenModel() {
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(2).tol(0).maxIter(5).seed(0).build();
        GaussianMixture first = trainer.fit(FAITHFUL);
        GaussianMixture continued = trainer.fit(FAITHFUL.features(), first);
        assertTrue(continued.fitSummary().history()[0] >= first.fitSummary().history()[4] - 1e-12);
        GaussianMixture tenAtOnce = trainer.toBuilder().maxIter(10).build().fit(FAITHFUL);
        assertEquals(tenAtOnce.meanLogProb(FAITHFUL.features()), continued.meanLogProb(FAITHFUL.features()), 1e-10);
    }

    @Test
    void moreRestartsNeverEndLower() {
        Table iris = Datasets.load("iris");
        GaussianMixtureTrainer.Builder base = GaussianMixtureTrainer.builder().components(4).init(Initialization.RANDOM).seed(8);
        double one = base.nInit(1).build().fit(iris).lowerBound();
        double five = base.nInit(5).build().fit(iris).lowerBound();
        assertTrue(five >= one - 1e-12);
    }

    @Test
    void kMeansInitialisationAlsoFindsOldFaithful() {
        for (Initialization init : Initialization.values()) {
            GaussianMixture gmm = GaussianMixtureTrainer.builder().components(2).init(init).nInit(3).tol(1e-8)
                    .maxIter(1000).seed(2).build().fit(FAITHFUL);
            assertEquals(-4.155382206604758, gmm.meanLogProb(FAITHFUL.features()), 1e-5, init.label());
        }
    }

    @Test
    void userGivenParametersAreUsedAsTheStart() {
        INDArray means = Nd4j.createFromArray(new double[][]{{2, 54}, {4.3, 80}});
        INDArray weights = Nd4j.createFromArray(0.36, 0.64);
        INDArray precisions = Nd4j.createFromArray(new double[][][]{{{10, 0}, {0, 0.03}}, {{6, 0}, {0, 0.03}}});
        GaussianMixture oneStep = GaussianMixtureTrainer.builder().components(2).initialMeans(means)
                .initialWeights(weights).initialPrecisions(precisions).maxIter(1).build().fit(FAITHFUL);
        GaussianMixture given = GaussianMixture.of(CovarianceType.FULL, weights, means,
                Nd4j.createFromArray(new double[][][]{{{0.1, 0}, {0, 1 / 0.03}}, {{1 / 6.0, 0}, {0, 1 / 0.03}}}));
        assertEquals(given.meanLogProb(FAITHFUL.features()), oneStep.lowerBound(), 1e-10,
                "the first E-step evaluates the given parameters");
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(3).build();
        INDArray withNaN = FAITHFUL.features().dup();
        withNaN.putScalar(7, 1, Double.NaN);
        // NaN is a missing value, learned around (see MissingValuesTest); infinity is an error
        assertTrue(Double.isFinite(trainer.fit(withNaN).fitSummary().finalValue()));
        INDArray withInf = FAITHFUL.features().dup();
        withInf.putScalar(3, 0, Double.POSITIVE_INFINITY);
        assertMessage("Infinity at row 3, column 0", () -> trainer.fit(withInf));
        assertMessage("fewer than the 3 components", () -> trainer.fit(FAITHFUL.features().getRows(0, 1)));
        assertMessage("components must be at least 1", () -> GaussianMixtureTrainer.builder().components(0));
        INDArray constant = FAITHFUL.features().dup();
        constant.getColumn(1).assign(5);
        assertMessage("column 1 of the training data is constant", () -> trainer.fit(constant));
        GaussianMixture gmm = trainer.fit(FAITHFUL);
        assertMessage("has 3 columns, but the model expects 2", () -> gmm.logProb(Nd4j.rand(DataType.DOUBLE, 4, 3)));
        assertMessage("must be a matrix [n, d]", () -> gmm.logProb(Nd4j.rand(DataType.DOUBLE, 4)));
        assertMessage("regCovar must be", () -> GaussianMixtureTrainer.builder().regCovar(-1));
        assertMessage("unknown covariance type 'ful'", () -> CovarianceType.parse("ful"));
    }

    static void assertMessage(String expectedPart, Runnable action) {
        Gen4jException e = org.junit.jupiter.api.Assertions.assertThrows(Gen4jException.class, action::run);
        assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
    }
}
