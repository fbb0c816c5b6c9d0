package org.gen4j.eval;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How good generated samples are against real data, in the features of a {@link FeatureClassifier}: Fréchet
 * distance (lower is better), kernel MMD (lower), precision and recall (higher) and mode coverage (share of classes
 * found among the samples, higher). The same numbers score GAN and VAE samples, so the families compare on one table;
 * scoring one real set against another gives the floor.
 *
 * <pre>{@code
 * SampleQuality q = SampleQuality.of(gan.sample(1000, 1), realImages, FeatureClassifier.bundled("digits"));
 * System.out.println(q);      // fid 3.21, mmd 0.012, precision 0.81, recall 0.64, mode coverage 1.00
 * }</pre>
 */
public record SampleQuality(double fid, double mmd, double precision, double recall, double modeCoverage) {

    /** Rows used per set for MMD and precision/recall (quadratic in rows). */
    static final int PAIRWISE_ROWS = 1000;

    public static SampleQuality of(INDArray samples, INDArray reference, FeatureClassifier classifier) {
        if (samples.size(0) < 10 || reference.size(0) < 10) {
            throw new Gen4jException("sample quality needs at least 10 rows in each set, got " + samples.size(0) + " and " + reference.size(0));
        }
        INDArray fake = classifier.features(samples), real = classifier.features(reference);
        INDArray fakeFew = head(fake), realFew = head(real);
        PrecisionRecall pr = PrecisionRecall.of(realFew, fakeFew);
        return new SampleQuality(FrechetDistance.of(fake, real), KernelMmd.of(fakeFew, realFew), pr.precision(), pr.recall(),
                ModeCoverage.of(classifier.predict(samples), classifier.classes()));
    }

    private static INDArray head(INDArray rows) {
        return rows.rows() <= PAIRWISE_ROWS ? rows : rows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, PAIRWISE_ROWS),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "fid %.4f, mmd %.5f, precision %.3f, recall %.3f, mode coverage %.2f",
                fid, mmd, precision, recall, modeCoverage);
    }
}
