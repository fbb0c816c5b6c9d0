package org.gen4j.cli;

import org.gen4j.core.ModelIO;
import org.gen4j.data.Datasets;
import org.gen4j.data.SequenceBatch;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.gen4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --weight-column}: the command line reads the weights from that column (not a feature) and fits as Java does. */
class WeightColumnTest {
    @TempDir
    Path dir;

    @Test
    void fitGmmTakesTheWeightsFromTheirColumn() throws IOException {
        INDArray x = Datasets.load("faithful").features();
        double[] weights = new double[(int) x.rows()];
        StringBuilder csv = new StringBuilder("eruptions,w,waiting\n");
        for (int r = 0; r < weights.length; r++) {
            weights[r] = (r * 7) % 4 * 0.5;
            csv.append(x.getDouble(r, 0)).append(',').append(weights[r]).append(',').append(x.getDouble(r, 1)).append('\n');
        }
        Files.writeString(dir.resolve("w.csv"), csv);
        Path model = dir.resolve("w.gmm");
        CliTest.Result fit = run("fit", "gmm", "--data", dir.resolve("w.csv").toString(), "-k", "2", "--seed", "3",
                "--weight-column", "w", "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        GaussianMixture fromCli = (GaussianMixture) ModelIO.load(model);
        GaussianMixture fromJava = GaussianMixtureTrainer.builder().components(2).seed(3).build().fit(x, Nd4j.createFromArray(weights));
        assertEquals(List.of("eruptions", "waiting"), fromCli.provenance().columns(), "the weight column is not a feature");
        assertArrayEquals(fromJava.means().dup('c').data().asDouble(), fromCli.means().dup('c').data().asDouble());

        CliTest.Result both = run("fit", "gmm", "--data", dir.resolve("w.csv").toString(), "-k", "2", "--columns", "w,waiting",
                "--weight-column", "w", "--out", dir.resolve("bad.gmm").toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("'w' is the weight column"), both.err());
    }

    @Test
    void fitHmmTakesOneWeightPerSequence() throws IOException {
        INDArray returns = Datasets.load("eustock-returns").features();
        StringBuilder csv = new StringBuilder("id,w,DAX,SMI\n");
        List<INDArray> sequences = new ArrayList<>();
        double[] weights = {1, 3, 0, 2, 1, 2};
        for (int s = 0; s < weights.length; s++) {
            INDArray part = returns.get(NDArrayIndex.interval(s * 200, (s + 1) * 200), NDArrayIndex.interval(0, 2)).dup();
            sequences.add(part);
            for (int t = 0; t < 200; t++) {
                csv.append("s").append(s).append(',').append(weights[s]).append(',').append(part.getDouble(t, 0)).append(',')
                        .append(part.getDouble(t, 1)).append('\n');
            }
        }
        Files.writeString(dir.resolve("seq.csv"), csv);
        Path model = dir.resolve("w.hmm");
        CliTest.Result fit = run("fit", "hmm", "--data", dir.resolve("seq.csv").toString(), "--sequence-column", "id",
                "--weight-column", "w", "-k", "2", "--covariance", "diag", "--seed", "1", "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        HiddenMarkovModel fromCli = (HiddenMarkovModel) ModelIO.load(model);
        HiddenMarkovModel fromJava = BaumWelch.builder().states(2).gaussian(CovarianceType.DIAG).seed(1).build()
                .fit(SequenceBatch.of(sequences), weights);
        assertArrayEquals(fromJava.transMat().dup('c').data().asDouble(), fromCli.transMat().dup('c').data().asDouble());

        Files.writeString(dir.resolve("mixed.csv"), csv.toString().replaceFirst("s0,1.0,", "s0,5.0,"));
        CliTest.Result mixed = run("fit", "hmm", "--data", dir.resolve("mixed.csv").toString(), "--sequence-column", "id",
                "--weight-column", "w", "-k", "2", "--out", dir.resolve("bad.hmm").toString());
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("sequence 's0' has the weights 5.0 and 1.0"), mixed.err());
        assertEquals(1, mixed.err().strip().lines().count(), mixed.err());
    }
}
