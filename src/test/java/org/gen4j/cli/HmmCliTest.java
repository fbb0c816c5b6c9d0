package org.gen4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.gen4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HmmCliTest {
    @TempDir
    Path dir;

    /** Three short sequences of symbols in one file, grouped by an id column. */
    private Path symbolsFile() throws IOException {
        StringBuilder csv = new StringBuilder("run,symbol\n");
        int[][] runs = {{0, 0, 1, 0, 2, 3, 3, 2, 3, 0, 0, 1}, {3, 3, 2, 3, 0, 0, 1, 0}, {0, 1, 0, 0, 3, 3, 2}};
        String[] names = {"a", "b", "c"};
        for (int r = 0; r < runs.length; r++) {
            for (int s : runs[r]) {
                csv.append(names[r]).append(',').append(s).append('\n');
            }
        }
        Path file = dir.resolve("symbols.csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    @Test
    void fitDecodeScoreSampleWithASequenceColumn() throws IOException {
        Path data = symbolsFile();
        Path model = dir.resolve("s.hmm");
        CliTest.Result fit = run("fit", "hmm", "--data", data.toString(), "--sequence-column", "run", "--states", "2",
                "--emission", "categorical", "--seed", "3", "--n-init", "2", "--out", model.toString(), "--json");
        assertEquals(0, fit.code(), fit.err());
        JsonNode json = new ObjectMapper().readTree(fit.out());
        for (String key : List.of("startProb", "transMat", "emissionParameters", "logLikelihood", "converged", "nIter")) {
            assertTrue(json.has(key), key);
        }
        assertEquals(3, json.get("sequences").asInt());
        assertEquals(27, json.get("steps").asInt());
        assertEquals(4, json.get("emissionParameters").get("probabilities").get(0).size());

        Path decoded = dir.resolve("states.csv");
        CliTest.Result decode = run("decode", "--model", model.toString(), "--data", data.toString(),
                "--sequence-column", "run", "--method", "posterior", "--proba", "--out", decoded.toString());
        assertEquals(0, decode.code(), decode.err());
        List<String> lines = Files.readAllLines(decoded);
        assertEquals("sequence,step,state,p0,p1", lines.get(0));
        assertEquals(28, lines.size());
        assertTrue(lines.get(13).startsWith("b,0,"), lines.get(13));

        CliTest.Result score = run("score", "--model", model.toString(), "--data", data.toString(), "--sequence-column", "run");
        assertEquals(0, score.code(), score.err());
        assertTrue(score.out().startsWith("sequence,steps,logLikelihood"));
        assertEquals(4, score.out().strip().lines().count());

        CliTest.Result sample = run("sample", "--model", model.toString(), "--n", "2", "--length", "5", "--seed", "1");
        assertEquals(0, sample.code(), sample.err());
        assertEquals("sequence,step,state,symbol", sample.out().lines().findFirst().orElseThrow());
        assertEquals(11, sample.out().strip().lines().count());
    }

    @Test
    void regimesOfTheBundledStockReturns() throws IOException {
        Path model = dir.resolve("eu.hmm");
        CliTest.Result fit = run("fit", "hmm", "--data", "eustock-returns", "-k", "2", "--covariance", "full",
                "--seed", "1", "--out", model.toString(), "--json");
        assertEquals(0, fit.code(), fit.err());
        JsonNode json = new ObjectMapper().readTree(fit.out());
        assertEquals("[\"DAX\",\"SMI\",\"CAC\",\"FTSE\"]", json.get("columns").toString());
        Path png = dir.resolve("regimes.png");
        CliTest.Result decode = run("decode", "--model", model.toString(), "--data", "eustock-returns", "--plot", png.toString(),
                "--plot-column", "DAX");
        assertEquals(0, decode.code(), decode.err());
        assertEquals(1861, decode.out().strip().lines().count(), "header, 1859 steps, the plot line");
        assertTrue(Files.size(png) > 10_000);
    }

    @Test
    void aGaussianMixturePerState() throws IOException {
        CliTest.Result fit = run("fit", "hmm", "--data", "faithful", "--columns", "waiting", "-k", "2", "--emission", "gmm",
                "--mixtures", "2", "--seed", "1", "--out", dir.resolve("g.hmm").toString(), "--json");
        assertEquals(0, fit.code(), fit.err());
        JsonNode emission = new ObjectMapper().readTree(fit.out()).get("emissionParameters");
        assertEquals("gmm", emission.get("kind").asText());
        assertEquals(2, emission.get("mixtureWeights").get(0).size());
        assertEquals(4, emission.get("means").size());
    }

    @Test
    void badSequenceInputIsNamed() throws IOException {
        Path scrambled = dir.resolve("scrambled.csv");
        Files.writeString(scrambled, "id,x\na,1\na,2\nb,3\na,4\n");
        CliTest.Result r = run("fit", "hmm", "--data", scrambled.toString(), "--sequence-column", "id", "-k", "2",
                "--out", dir.resolve("m.hmm").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("rows of sequence 'a' are not contiguous: it continues at row 3"), r.err());

        r = run("fit", "hmm", "--data", "faithful", "-k", "2", "--emission", "weibull", "--out", dir.resolve("m.hmm").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown emission 'weibull'"), r.err());

        Path model = dir.resolve("c.hmm");
        assertEquals(0, run("fit", "hmm", "--data", symbolsFile().toString(), "--sequence-column", "run", "-k", "2",
                "--emission", "categorical", "--out", model.toString()).code());
        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "run,symbol\na,0\na,9\n");
        r = run("score", "--model", model.toString(), "--data", unknown.toString(), "--sequence-column", "run");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown symbol 9.0 at step 1"), r.err());
    }
}
