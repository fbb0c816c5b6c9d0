package org.gen4j.gan;

import org.gen4j.data.ImageDataset;
import org.gen4j.eval.FeatureClassifier;
import org.gen4j.eval.FrechetDistance;
import org.gen4j.eval.SampleQuality;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sample quality of trained GANs on the 8x8 digits, judged by the bundled classifier. */
class GanQualityTest {
    private static final FeatureClassifier JUDGE = FeatureClassifier.bundled("digits");
    private static final ImageDataset DIGITS = ImageDataset.load("digits");

    @Test
    void dcganImprovesItsFrechetDistanceAndBeatsNoiseAndABlurryMean() {
        INDArray real = DIGITS.rows();
        INDArray realFeatures = JUDGE.features(real);
        Gan gan = new GanTrainer(GanArchitecture.dcgan(1, 8, 8).build()).epochs(12).batchSize(64).learningRates(1e-3, 1e-3).labelSmoothing(0.9).emaDecay(0.9).seed(3)
                .epochMetric(g -> FrechetDistance.of(JUDGE.features(g.sample(500, 1)), realFeatures))
                .fit(DIGITS.images());
        double[] fid = gan.history().metric();
        assertTrue(fid[11] < fid[0] / 3, "FID per epoch " + Arrays.toString(fid));
        SampleQuality samples = SampleQuality.of(gan.sample(1000, 2), real, JUDGE);
        SampleQuality noise = SampleQuality.of(Nd4j.rand(DataType.FLOAT, 1000, 64), real, JUDGE);
        INDArray blurry = Nd4j.zeros(DataType.FLOAT, 1000, 64).addiRowVector(real.mean(0)).addi(Nd4j.rand(DataType.FLOAT, 1000, 64).muli(0.05));
        SampleQuality mean = SampleQuality.of(blurry, real, JUDGE);
        assertTrue(samples.fid() * 3 < noise.fid() && samples.fid() * 3 < mean.fid(), samples + " / " + noise + " / " + mean);
        assertTrue(samples.modeCoverage() >= 0.9, samples.toString());
    }

    @Test
    void conditionalSamplesShowTheRequestedDigit() {
        // the label only starts to steer the samples after ~15 epochs (measured: 67/500 right at epoch 10, 471 at 20)
        Gan cgan = new GanTrainer(GanArchitecture.dcgan(1, 8, 8).classes(10).build()).epochs(20).batchSize(64).learningRates(1e-3, 1e-3)
                .labelSmoothing(0.9).emaDecay(0.9).seed(4).fit(DIGITS.images(), DIGITS.labels());
        int right = 0;
        for (int digit = 0; digit < 10; digit++) {
            int[] predicted = JUDGE.predict(cgan.sample(50, 10 + digit, digit));
            final int d = digit;
            right += (int) Arrays.stream(predicted).filter(p -> p == d).count();
        }
        assertTrue(right > 350, right + " of 500 conditional samples classified as the requested digit");
    }
}
