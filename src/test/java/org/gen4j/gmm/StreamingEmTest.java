package org.gen4j.gmm;

import org.gen4j.stats.CovarianceType;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.gen4j.data.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingEmTest {
    private static final INDArray IRIS = Datasets.load("iris").features();

    /** Streaming EM sums exact sufficient statistics, so from the same start it retraces batch EM. */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void miniBatchEmRetracesBatchEm(CovarianceType type) {
        GaussianMixture start = GaussianMixtureTrainer.builder().components(3).covariance(type).maxIter(2).seed(4)
                .build().fit(IRIS);
        GaussianMixtureTrainer fromStart = GaussianMixtureTrainer.builder().components(3).covariance(type)
                .initialMeans(start.means()).initialWeights(start.weights()).initialPrecisions(start.precisions())
                .tol(0).maxIter(20).build();
        GaussianMixture batch = fromStart.fit(IRIS);
        GaussianMixture streamed = fromStart.fit(new ListDataSetIterator<>(new DataSet(IRIS, IRIS).batchBy(32), 1));
        assertArrayEquals(batch.fitSummary().history(), streamed.fitSummary().history(), 1e-9);
        assertEquals(0, batch.means().sub(streamed.means()).amaxNumber().doubleValue(), 1e-8);
        assertEquals(0, batch.covariances().sub(streamed.covariances()).amaxNumber().doubleValue(), 1e-8);
        assertEquals(0, batch.weights().sub(streamed.weights()).amaxNumber().doubleValue(), 1e-10);
    }

    @Test
    void streamingFromItsOwnInitialisationConverges() {
        GaussianMixture streamed = GaussianMixtureTrainer.builder().components(3).nInit(2).seed(1).tol(1e-6).maxIter(500)
                .build().fit(new ListDataSetIterator<>(new DataSet(IRIS, IRIS).batchBy(50), 1));
        assertTrue(streamed.converged());
        double[] history = streamed.fitSummary().history();
        for (int i = 1; i < history.length; i++) {
            assertTrue(history[i] >= history[i - 1] - 1e-9);
        }
        GaussianMixture batch = GaussianMixtureTrainer.builder().components(3).nInit(5).seed(1).tol(1e-6).maxIter(500)
                .build().fit(IRIS);
        assertTrue(streamed.meanLogProb(IRIS) > batch.meanLogProb(IRIS) - 0.3, "a sensible optimum");
    }
}
