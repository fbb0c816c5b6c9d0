package org.gen4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gen4j.core.ModelIO;
import org.gen4j.gmm.GaussianMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Gen4j.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void fitScoreSampleRoundTripOnBundledData() throws IOException {
        Path model = dir.resolve("faithful.gmm");
        Result fit = run("fit", "gmm", "--data", "faithful", "--components", "2", "--n-init", "3", "--seed", "1",
                "--out", model.toString(), "--json");
        assertEquals(0, fit.code(), fit.err());
        JsonNode json = new ObjectMapper().readTree(fit.out());
        for (String key : List.of("weights", "means", "covariances", "meanLogLikelihood", "converged", "nIter", "bic", "fitSeconds")) {
            assertTrue(json.has(key), "JSON has " + key);
        }
        assertEquals(2, json.get("means").size());
        assertEquals(2, json.get("covariances").get(0).size());
        assertEquals(-4.155382, json.get("meanLogLikelihood").asDouble(), 1e-5);
        assertTrue(json.get("fitSeconds").asDouble() > 0);
        double pace = json.get("secondsPerIterationAfterTheFirst").asDouble();
        assertTrue(pace > 0 && pace < json.get("fitSeconds").asDouble(), "the pace after each restart's first iteration: " + pace);

        Path scores = dir.resolve("scores.csv");
        Result score = run("score", "--model", model.toString(), "--data", "faithful", "--out", scores.toString());
        assertEquals(0, score.code(), score.err());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("logLikelihood,component", lines.get(0));
        assertEquals(273, lines.size());
        GaussianMixture gmm = ModelIO.load(model, GaussianMixture.class);
        double first = gmm.logProb(org.gen4j.data.Datasets.load("faithful").features()).getDouble(0);
        assertEquals(first, Double.parseDouble(lines.get(1).split(",")[0]), 0);

        Path samples = dir.resolve("samples.csv");
        Result sample = run("sample", "--model", model.toString(), "--n", "40", "--seed", "3", "--out", samples.toString());
        assertEquals(0, sample.code(), sample.err());
        List<String> rows = Files.readAllLines(samples);
        assertEquals("eruptions,waiting", rows.get(0));
        assertEquals(41, rows.size());
        Result again = run("sample", "--model", model.toString(), "--n", "40", "--seed", "3");
        assertEquals(String.join("\n", rows), again.out().strip());
    }

    @Test
    void tolZeroRunsExactlyMaxIter() throws IOException {
        Result fit = run("fit", "gmm", "--data", "iris", "-k", "3", "--covariance", "diag", "--tol", "0", "--max-iter", "17",
                "--out", dir.resolve("i.gmm").toString(), "--json");
        JsonNode json = new ObjectMapper().readTree(fit.out());
        assertEquals(17, json.get("nIter").asInt());
        assertTrue(!json.get("converged").asBoolean());
    }

    @Test
    void badInputEndsWithOneLineAndExitCodeTwo() throws IOException {
        Path out = dir.resolve("m.gmm");
        Path text = dir.resolve("bad.csv");
        Files.writeString(text, "a,b\n1,2\n3,oops\n4,5\n");
        String[][] cases = {
                {"fit", "gmm", "--data", "nowhere.csv", "-k", "2", "--out", out.toString()},
                {"fit", "gmm", "--data", "faithful", "-k", "0", "--out", out.toString()},
                {"fit", "gmm", "--data", "faithful", "-k", "2", "--covariance", "round", "--out", out.toString()},
                {"fit", "gmm", "--data", "faithful", "-k", "2", "--out", out.toString(), "--tol", "abc"},
                {"fit", "gmm", "--data", "faithful", "--out", out.toString()},
                {"fit", "gmm", "--data", text.toString(), "-k", "2", "--out", out.toString()},
                {"fit", "gmm", "--data", "faithful", "-k", "300", "--out", out.toString()},
                {"score", "--model", text.toString(), "--data", "faithful"},
                {"sample", "--model", dir.resolve("none.gmm").toString(), "--n", "3"},
                {"fit", "teapot"},
                {"frobnicate"},
        };
        String[] expected = {"no data file at nowhere.csv", "components must be at least 1", "unknown covariance type 'round'",
                "--tol", "Missing required option", "non-numeric value 'oops' at row 1 (line 3), column 'b'",
                "fewer than the 300 components", "is not a gen4j model file", "no model file at", "teapot", "frobnicate"};
        for (int i = 0; i < cases.length; i++) {
            Result r = run(cases[i]);
            assertEquals(2, r.code(), String.join(" ", cases[i]) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("gen4j: ") && r.err().contains(expected[i]), r.err());
        }
        assertTrue(Files.notExists(out), "no model written on error");
    }

    @Test
    void scoringDataWithoutTheModelsColumnsNamesThem() {
        Path model = dir.resolve("f.gmm");
        assertEquals(0, run("fit", "gmm", "--data", "faithful", "-k", "2", "--out", model.toString()).code());
        Result r = run("score", "--model", model.toString(), "--data", "iris");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no column 'eruptions'"), r.err());
    }

    @Test
    void infoNamesTheBackend() {
        Result r = run("info");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("backend") && r.out().contains("CPU") && r.out().contains("blas"), r.out());
    }
}
