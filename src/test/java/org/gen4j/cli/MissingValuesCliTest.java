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

/** Empty or NA cells in a CSV: a Gaussian mixture learns from and scores such rows; other models refuse them clearly. */
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

        CliTest.Result hmm = run("fit", "hmm", "--data", dir.resolve("gaps.csv").toString(), "-k", "2", "--out", dir.resolve("g.hmm").toString());
        assertEquals(2, hmm.code());
        assertTrue(hmm.err().contains("missing value at row 4 (line 6), column 'waiting'"), hmm.err());
    }
}
