package org.gen4j.gmm;

import org.gen4j.data.Datasets;
import org.gen4j.stats.CovarianceType;
import org.gen4j.stats.PreparedData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seam distributed EM stands on: statistics of partitions, merged, are those of one pass over all the rows. */
class MixtureEmMergeTest {

    @Test
    void mergedPartitionsGiveTheOnePassStepForEveryCovarianceType() {
        INDArray x = Datasets.load("faithful").features(DataType.DOUBLE);
        INDArray shift = x.mean(true, 0);
        for (CovarianceType type : CovarianceType.values()) {
            MixtureParameters current = GaussianMixtureTrainer.builder().components(3).covariance(type).maxIter(2).seed(1)
                    .build().fit(x).parameters();
            MixtureEm em = new MixtureEm(type, shift, 1e-6);
            MixtureEm.Statistics onePass = em.statistics(current);
            em.accumulate(current, PreparedData.of(x, shift, type), onePass);
            MixtureEm.Statistics merged = em.statistics(current);
            for (long[] part : new long[][]{{0, 100}, {100, 101}, {101, x.rows()}}) {
                MixtureEm.Statistics partition = em.statistics(current);
                INDArray rows = x.get(NDArrayIndex.interval(part[0], part[1]), NDArrayIndex.all());
                em.accumulate(current, PreparedData.of(rows, shift, type), partition);
                merged.merge(partition);
            }
            assertEquals(onePass.objective(), merged.objective(), 1e-12, type.label());
            MixtureParameters a = em.maximize(current, onePass);
            MixtureParameters b = em.maximize(current, merged);
            assertEquals(0, a.weights().sub(b.weights()).amaxNumber().doubleValue(), 1e-12, type.label());
            assertEquals(0, a.means().sub(b.means()).amaxNumber().doubleValue(), 1e-10, type.label());
            assertEquals(0, a.covariances().sub(b.covariances()).amaxNumber().doubleValue(), 1e-10, type.label());
        }
    }
}
