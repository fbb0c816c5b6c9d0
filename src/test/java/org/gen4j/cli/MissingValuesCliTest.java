package org.gen4j.cli;

import org.gen4j.core.ModelIO;
import org.gen4j.gmm.GaussianMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.gen4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Empty or NA cells in a CSV: Gaussian mixtures and hidden Markov models learn from, score and fill such rows; networks fill cases. */
class MissingValuesCliTest {
    @TempDir
    Path dir;

    @Test
    void aBayesianNetworkFillsCasesWithGaps() throws IOException {
        Files.writeString(dir.resolve("cases.csv"), "asia,smoke,tub,lung,bronc,either,xray,dysp\n"
                + "no,,no,yes,NA,yes,yes,no\nno,no,no,no,no,no,no,yes\n");
        CliTest.Result filled = run("impute", "--model", "asia", "--data", dir.resolve("cases.csv").toString(),
                "--out", dir.resolve("filled.csv").toString());
        assertEquals(0, filled.code(), filled.err());
        assertEquals(List.of("asia,smoke,tub,lung,bronc,either,xray,dysp", "no,yes,no,yes,no,yes,yes,no", "no,no,no,no,no,no,no,yes"),
                Files.readAllLines(dir.resolve("filled.csv")));
    }

    @Test
    void aGaussianMixtureFitsAndScoresRowsWithGaps() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("datasets/faithful.csv"));
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            csv.append(r % 5 == 0 ? cells[0] + "," : r % 7 == 0 ? "NA," + cells[1] : lines.get(r)).append('\n');
        }
        Files.writeString(dir.resolve("gaps.csv"), csv);
        Path model = dir.resolve("gaps.gmm");
        CliTest.Result fit = run("fit", "gmm", "--data", dir.resolve("gaps.csv").toString(), "-k", "2", "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        CliTest.Result score = run("score", "--model", model.toString(), "--data", dir.resolve("gaps.csv").toString(),
                "--out", dir.resolve("scores.csv").toString());
        assertEquals(0, score.code(), score.err());
        GaussianMixture gmm = (GaussianMixture) ModelIO.load(model);
        List<String> scores = Files.readAllLines(dir.resolve("scores.csv"));
        String[] row5 = lines.get(5).split(",");          // line 5 lost its waiting time
        double expected = gmm.logProb(Nd4j.createFromArray(new double[][]{{Double.parseDouble(row5[0]), Double.NaN}})).getDouble(0);
        assertEquals(expected, Double.parseDouble(scores.get(5).split(",")[0]), 1e-12);

        CliTest.Result imputed = run("impute", "--model", model.toString(), "--data", dir.resolve("gaps.csv").toString(),
                "--out", dir.resolve("filled.csv").toString());
        assertEquals(0, imputed.code(), imputed.err());
        List<String> filled = Files.readAllLines(dir.resolve("filled.csv"));
        assertEquals(lines.size(), filled.size());
        assertTrue(filled.stream().skip(1).allMatch(line -> line.matches("[-0-9.E]+,[-0-9.E]+")), "no gap left");
        CliTest.Result copies = run("impute", "--model", model.toString(), "--data", dir.resolve("gaps.csv").toString(),
                "--samples", "3", "--seed", "2", "--out", dir.resolve("copies.csv").toString());
        assertEquals(0, copies.code(), copies.err());
        List<String> drawn = Files.readAllLines(dir.resolve("copies.csv"));
        assertEquals("imputation,eruptions,waiting", drawn.get(0));
        assertEquals(1 + 3 * (lines.size() - 1), drawn.size());
        CliTest.Result wrongFamily = run("impute", "--model", "asia", "--data", dir.resolve("gaps.csv").toString());
        assertEquals(2, wrongFamily.code());
        assertTrue(wrongFamily.err().contains("is not a variable of the model"), wrongFamily.err());

        CliTest.Result hmm = run("fit", "hmm", "--data", dir.resolve("gaps.csv").toString(), "-k", "2", "--seed", "1",
                "--out", dir.resolve("g.hmm").toString());
        assertEquals(0, hmm.code(), hmm.err());
    }

    /** The same file as one sequence: a hidden Markov model learns from it, scores it and fills its gaps. */
    @Test
    void aHiddenMarkovModelFitsScoresAndFillsSequencesWithGaps() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("datasets/faithful.csv"));
        StringBuilder csv = new StringBuilder("id,").append(lines.get(0)).append('\n');
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            String id = r <= 136 ? "a" : "b";
            csv.append(id).append(',').append(r % 5 == 0 ? cells[0] + "," : r % 7 == 0 ? "NA," + cells[1] : lines.get(r)).append('\n');
        }
        Path data = dir.resolve("sequences.csv");
        Files.writeString(data, csv);
        Path model = dir.resolve("gaps.hmm");
        CliTest.Result fit = run("fit", "hmm", "--data", data.toString(), "--sequence-column", "id", "-k", "2", "--seed", "1",
                "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        org.gen4j.hmm.HiddenMarkovModel hmm = (org.gen4j.hmm.HiddenMarkovModel) ModelIO.load(model);
        org.gen4j.data.SequenceBatch batch = org.gen4j.data.SequenceBatch.fromTable(
                new org.gen4j.data.CsvTableReader().allowMissing().labelColumn("id").read(data),
                new org.gen4j.data.CsvTableReader().allowMissing().labelColumn("id").read(data).labels().orElseThrow());
        CliTest.Result score = run("score", "--model", model.toString(), "--data", data.toString(), "--sequence-column", "id",
                "--out", dir.resolve("scores.csv").toString());
        assertEquals(0, score.code(), score.err());
        List<String> scores = Files.readAllLines(dir.resolve("scores.csv"));
        double[] expected = hmm.logProb(batch).toDoubleVector();
        assertEquals("sequence,steps,logLikelihood", scores.get(0));
        assertEquals(expected[1], Double.parseDouble(scores.get(2).split(",")[2]), 1e-9 * Math.abs(expected[1]), scores.get(2));

        CliTest.Result filled = run("impute", "--model", model.toString(), "--data", data.toString(), "--sequence-column", "id",
                "--out", dir.resolve("filled.csv").toString());
        assertEquals(0, filled.code(), filled.err());
        List<String> completed = Files.readAllLines(dir.resolve("filled.csv"));
        assertEquals("id,eruptions,waiting", completed.get(0));
        assertEquals(lines.size(), completed.size());
        assertTrue(completed.stream().skip(1).allMatch(line -> line.matches("[ab],[-0-9.E]+,[-0-9.E]+")), "no gap left");
        assertEquals("a,3.6,79.0", completed.get(1), "an observed row is kept as it is (3.6,79)");
        CliTest.Result drawn = run("impute", "--model", model.toString(), "--data", data.toString(), "--sequence-column", "id",
                "--samples", "2", "--out", dir.resolve("drawn.csv").toString());
        assertEquals(0, drawn.code(), drawn.err());
        assertEquals(1 + 2 * (lines.size() - 1), Files.readAllLines(dir.resolve("drawn.csv")).size());
        CliTest.Result wrongModel = run("impute", "--model", "asia", "--data", data.toString(), "--sequence-column", "id");
        assertEquals(2, wrongModel.code());
        assertTrue(wrongModel.err().contains("--sequence-column is for hidden Markov models"), wrongModel.err());
    }

    /** A VAE saved from Java fills the gaps of CSV rows by its chain; observed cells are written back unchanged. */
    @Test
    void aVaeFillsRowsWithGaps() throws IOException {
        org.nd4j.linalg.api.ndarray.INDArray iris = org.gen4j.data.Datasets.load("iris").features();
        org.gen4j.vae.VaeArchitecture a = org.gen4j.vae.VaeArchitecture.mlp(4).hidden(16).latent(2)
                .likelihood(org.gen4j.vae.Likelihood.GAUSSIAN).build();
        org.gen4j.vae.VariationalAutoencoder vae = new org.gen4j.vae.VaeTrainer(a).epochs(20).batchSize(32).seed(1).fit(iris, iris);
        Path model = dir.resolve("iris.vae");
        ModelIO.save(vae, model);
        Files.writeString(dir.resolve("gaps.csv"), "a,b,c,d\n5.1,3.5,,0.2\n6.2,NA,4.8,\n");
        CliTest.Result filled = run("impute", "--model", model.toString(), "--data", dir.resolve("gaps.csv").toString(),
                "--rounds", "20", "--out", dir.resolve("filled.csv").toString());
        assertEquals(0, filled.code(), filled.err());
        List<String> lines = Files.readAllLines(dir.resolve("filled.csv"));
        assertEquals("a,b,c,d", lines.get(0));
        assertTrue(lines.get(1).matches("5\\.1,3\\.5,[-0-9.E]+,0\\.2"), lines.get(1));
        assertTrue(lines.get(2).matches("6\\.2,[-0-9.E]+,4\\.8,[-0-9.E]+"), lines.get(2));
        CliTest.Result drawn = run("impute", "--model", model.toString(), "--data", dir.resolve("gaps.csv").toString(),
                "--samples", "3", "--rounds", "5", "--out", dir.resolve("drawn.csv").toString());
        assertEquals(0, drawn.code(), drawn.err());
        assertEquals(7, Files.readAllLines(dir.resolve("drawn.csv")).size());
        CliTest.Result noRounds = run("impute", "--model", model.toString(), "--data", dir.resolve("gaps.csv").toString(), "--rounds", "0");
        assertEquals(2, noRounds.code());
        assertTrue(noRounds.err().contains("--rounds must be at least 1"), noRounds.err());
    }
}
