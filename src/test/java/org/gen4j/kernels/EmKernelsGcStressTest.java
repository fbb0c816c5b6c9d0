package org.gen4j.kernels;

import org.gen4j.data.SequenceBatch;
import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.MissingValues;
import org.gen4j.stats.PreparedData;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.kernels.SimdKernels;
import org.gen4j.testing.GcStress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.DoubleStream;

/**
 * EM's SIMD kernels give the same bits while collections run beside them, each fed arrays that nothing else holds
 * (the defect this guards against: {@code gmm.logProb(x)} returned ln K for tens of thousands of rows when a
 * collection freed the log-sum-exp's temporary mid-read). Rows above 16,384 so the passes split over threads.
 */
@EnabledIf("org.gen4j.kernels.SimdKernels#available")
class EmKernelsGcStressTest {
    private static final int ROWS = 40_000, K = 4, D = 3;
    private static INDArray data, logits, weights;
    private static GaussianMixture mixture;

    @BeforeAll
    static void arrays() {
        Nd4j.getRandom().setSeed(11);
        data = Nd4j.randn(DataType.DOUBLE, ROWS, D);
        logits = Nd4j.randn(DataType.DOUBLE, 'f', ROWS, K).muli(3);
        weights = Nd4j.randn(DataType.DOUBLE, D * (D + 1) / 2 + D + 1, K);
        mixture = GaussianMixtureTrainer.builder().components(K).covariance(CovarianceType.FULL).seed(3).maxIter(5).build()
                .fit(data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2000), org.nd4j.linalg.indexing.NDArrayIndex.all()));
    }

    @Test
    void logSumExpOfRowsReadsItsTemporaryWhole() {
        GcStress.assertSameBitsUnderCollection("row log-sum-exp", 200, 400,
                () -> SimdKernels.logSumExpOfRows(logits.dup('f'), false).toDoubleVector());
    }

    @Test
    void softmaxInPlaceWritesWhatItRead() {
        GcStress.assertSameBitsUnderCollection("row softmax", 200, 400, () -> {
            INDArray a = logits.dup('f');
            double[] sums = SimdKernels.logSumExpOfRows(a, true).toDoubleVector();
            return DoubleStream.concat(DoubleStream.of(sums), DoubleStream.of(a.data().asDouble())).toArray();
        });
    }

    @Test
    void projectionAndWeightedSumsKeepTheirArrays() {
        PreparedData prepared = PreparedData.of(data.dup(), data.mean(0), CovarianceType.FULL);
        GcStress.assertSameBitsUnderCollection("projection q(X) W", 100, 300,
                () -> prepared.project(weights.dup()).dup('c').data().asDouble());
        GcStress.assertSameBitsUnderCollection("weighted sums Rᵀ q(X)", 100, 300,
                () -> prepared.weightedSums(logits.dup('f')).dup('c').data().asDouble());
    }

    /** A mixture picks its missing-value path on this answer (see MissingValues: ND4J's isNaN().any() once erred). */
    @Test
    void theMissingValueScanReadsItsArrayWhole() {
        GcStress.assertSameBitsUnderCollection("MissingValues.any", 200, 400,
                () -> new double[]{MissingValues.any(data.dup()) ? 1 : 0, MissingValues.any(data.dup('f')) ? 1 : 0});
    }

    @Test
    void mixtureScoringAndFittingGiveTheirBits() {
        GcStress.assertSameBitsUnderCollection("gmm.logProb", 200, 400, () -> mixture.logProb(data.dup()).toDoubleVector());
        GcStress.assertSameBitsUnderCollection("gmm.predictProba", 50, 100, () -> mixture.predictProba(data.dup()).dup('c').data().asDouble());
        GcStress.assertSameBitsUnderCollection("GMM EM, full", 3, 10, () -> {
            GaussianMixture fitted = GaussianMixtureTrainer.builder().components(K).covariance(CovarianceType.FULL).seed(5).maxIter(4)
                    .build().fit(data.dup());
            return DoubleStream.concat(DoubleStream.of(fitted.means().dup('c').data().asDouble()),
                    DoubleStream.of(fitted.covariances().dup('c').data().asDouble())).toArray();
        });
    }

    @Test
    void hiddenMarkovModelsGiveTheirBits() {
        SequenceBatch sequences = SequenceBatch.of(data.dup());
        HiddenMarkovModel hmm = BaumWelch.builder().states(3).gaussian(CovarianceType.DIAG).seed(2).maxIter(3).build().fit(sequences);
        GcStress.assertSameBitsUnderCollection("hmm.logProb", 20, 60, () -> hmm.logProb(SequenceBatch.of(data.dup())).toDoubleVector());
    }
}
