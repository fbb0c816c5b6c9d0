package org.gen4j.eval;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.ImageDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleQualityTest {
    private static INDArray first, second;
    private static int[] firstLabels;
    private static FeatureClassifier judge;

    @BeforeAll
    static void data() {
        ImageDataset digits = ImageDataset.load("digits");
        INDArray rows = digits.rows();
        first = rows.get(NDArrayIndex.interval(0, 900), NDArrayIndex.all());
        second = rows.get(NDArrayIndex.interval(900, 1797), NDArrayIndex.all());
        firstLabels = Arrays.copyOf(digits.labels(), 900);
        judge = FeatureClassifier.train(first, firstLabels, 10, new int[]{128, 64}, 30, 1);
    }

    @Test
    void theClassifierLearnsTheDigitsAndRoundTrips(@TempDir Path dir) {
        int[] secondLabels = Arrays.copyOfRange(ImageDataset.load("digits").labels(), 900, 1797);
        double accuracy = judge.accuracy(second, secondLabels);
        assertTrue(accuracy > 0.93, "held-out accuracy " + accuracy);
        judge.save(dir.resolve("c.zip"));
        FeatureClassifier loaded = FeatureClassifier.load(dir.resolve("c.zip"));
        assertEquals(judge.features(second), loaded.features(second));
        assertEquals(64, judge.features(second).columns());
        assertThrows(Gen4jException.class, () -> FeatureClassifier.load(dir.resolve("missing.zip")));
    }

    @Test
    void bundledClassifiersMatchTheirDataSize() {
        ImageDataset mnist = ImageDataset.load("mnist").head(1000);
        FeatureClassifier judgeOfMnist = FeatureClassifier.bundledFor(784).orElseThrow();
        assertTrue(judgeOfMnist.accuracy(mnist.images(), mnist.labels()) > 0.9);
        assertEquals(64, FeatureClassifier.bundledFor(64).orElseThrow().features(first).columns());
        assertTrue(FeatureClassifier.bundledFor(100).isEmpty());
    }

    @Test
    void frechetDistanceKnownAnswers() {
        // diagonal covariances: |mu1 - mu2|^2 + sum (sigma1 - sigma2)^2
        INDArray mu1 = Nd4j.create(new double[]{0, 1}), mu2 = Nd4j.create(new double[]{3, 1});
        INDArray s1 = Nd4j.diag(Nd4j.create(new double[]{4, 9})), s2 = Nd4j.diag(Nd4j.create(new double[]{1, 16}));
        assertEquals(9 + 1 + 1, FrechetDistance.between(mu1, s1, mu2, s2), 1e-9);
        INDArray f = judge.features(second);
        assertEquals(0, FrechetDistance.of(f, f), 1e-6);
        INDArray g = judge.features(first);
        assertEquals(FrechetDistance.of(f, g), FrechetDistance.of(g, f), 1e-6);
    }

    @Test
    void realDataScoresFarBetterThanNoiseOrABlurryMean() {
        SampleQuality floor = SampleQuality.of(second, first, judge);
        SampleQuality noise = SampleQuality.of(Nd4j.rand(DataType.FLOAT, 897, 64), first, judge);
        INDArray blurry = Nd4j.zeros(DataType.FLOAT, 897, 64).addiRowVector(first.mean(0)).addi(Nd4j.rand(DataType.FLOAT, 897, 64).muli(0.05));
        SampleQuality mean = SampleQuality.of(blurry, first, judge);
        assertTrue(floor.fid() * 10 < noise.fid() && floor.fid() * 10 < mean.fid(), floor + " / " + noise + " / " + mean);
        assertTrue(floor.mmd() < noise.mmd() && floor.mmd() < mean.mmd());
        assertTrue(floor.precision() > 0.7 && floor.recall() > 0.7, floor.toString());   // k = 3 manifolds of 900 points in 64-d
        assertTrue(noise.precision() < 0.1, noise.toString());
        assertEquals(1.0, floor.modeCoverage());
        assertTrue(mean.modeCoverage() < 0.5, mean.toString());
    }

    @Test
    void oneClassOnlyIsPreciseButNotComplete() {
        int[] threes = IntStream.range(0, 900).filter(i -> firstLabels[i] == 3).toArray();
        INDArray onlyThrees = first.getRows(threes);
        PrecisionRecall pr = PrecisionRecall.of(judge.features(second), judge.features(onlyThrees));
        assertTrue(pr.precision() > 0.7 && pr.recall() < 0.3, pr.toString());
        assertEquals(0.1, ModeCoverage.of(judge.predict(onlyThrees), 10), 1e-12);
        assertTrue(KernelMmd.of(judge.features(onlyThrees), judge.features(second)) > 5 * Math.abs(KernelMmd.of(judge.features(first), judge.features(second))));
    }
}
