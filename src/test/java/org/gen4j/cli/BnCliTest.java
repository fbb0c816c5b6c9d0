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

class BnCliTest {
    @TempDir
    Path dir;

    @Test
    void inferGivesTheKnownAsiaPosterior() throws IOException {
        CliTest.Result r = run("infer", "--model", "asia", "--query", "lung", "--evidence", "xray=yes,smoke=yes", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(0.645991, json.get("lung").get("yes").asDouble(), 1e-6);
        assertEquals(1.0, json.get("lung").get("yes").asDouble() + json.get("lung").get("no").asDouble(), 1e-12);
    }

    @Test
    void approximateMethodsReportTheirEffectiveSampleSize() throws IOException {
        CliTest.Result r = run("infer", "--model", "survey", "--query", "E", "--evidence", "T=car", "--method", "lw",
                "--samples", "20000", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.get("effectiveSampleSize").get("E").asDouble() > 1000);
        r = run("infer", "--model", "survey", "--query", "E", "--method", "gibbs", "--samples", "5000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("effective sample size"), r.out());
        r = run("graph", "--model", "asia", "--out", dir.resolve("asia.dot").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(dir.resolve("asia.dot")).contains("\"tub\" -> \"either\""));
    }

    @Test
    void missingCellsAndALatentVariableAreLearnedByEm() throws IOException {
        Path rows = dir.resolve("gappy.csv");
        // cancer without its Cancer column (latent), and a missing Smoker cell
        Files.writeString(rows, "Pollution,Smoker,Xray,Dyspnoea\nlow,True,positive,True\nlow,?,negative,False\n"
                + "high,False,negative,True\nlow,False,negative,False\nlow,True,positive,False\n");
        CliTest.Result r = run("fit", "bn", "--model", "cancer", "--data", rows.toString(), "--estimator", "bdeu",
                "--out", dir.resolve("em.bif").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("expectation-maximisation"), r.out());
    }

    @Test
    void mostProbableExplanation() throws IOException {
        CliTest.Result r = run("infer", "--model", "asia", "--mpe", "--evidence", "dysp=yes", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("yes", json.get("assignment").get("dysp").asText());
        assertEquals(8, json.get("assignment").size());
        assertTrue(json.get("logProbability").asDouble() < 0);
    }

    @Test
    void sampleThenRefitThenScore() throws IOException {
        Path rows = dir.resolve("survey.csv");
        assertEquals(0, run("sample", "--model", "survey", "--n", "2000", "--seed", "3", "--out", rows.toString()).code());
        List<String> lines = Files.readAllLines(rows);
        assertEquals(2001, lines.size());
        assertEquals(6, lines.get(0).split(",").length);
        Path refit = dir.resolve("survey2.bif");
        CliTest.Result fit = run("fit", "bn", "--model", "survey", "--data", rows.toString(), "--estimator", "mle",
                "--out", refit.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(Files.readString(refit).contains("probability ( T | O, R )"));
        CliTest.Result score = run("score", "--model", refit.toString(), "--data", rows.toString());
        assertEquals(0, score.code(), score.err());
        assertEquals(2001, score.out().strip().lines().count());
    }

    @Test
    void learnAStructureAndCompareItWithTheTruth() throws IOException {
        Path rows = dir.resolve("cancer.csv");
        assertEquals(0, run("sample", "--model", "cancer", "--n", "20000", "--seed", "5", "--out", rows.toString()).code());
        Path learned = dir.resolve("learned.bif");
        CliTest.Result r = run("learn", "--data", rows.toString(), "--structure", "chow-liu", "--reference", "cancer",
                "--out", learned.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(4, json.get("edges").size());
        assertEquals(1.0, json.get("edgeRecall").asDouble());
        assertTrue(Files.readString(learned).startsWith("network unknown"));
        r = run("learn", "--data", rows.toString(), "--structure", "hill-climb", "--score", "bdeu", "--out",
                dir.resolve("hc.bif").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        r = run("learn", "--data", rows.toString(), "--structure", "pc", "--out", dir.resolve("x.bif").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown --structure 'pc'"), r.err());
    }

    @Test
    void badQueriesAreNamed() throws IOException {
        String[][] cases = {
                {"infer", "--model", "asia", "--query", "lungs"},
                {"infer", "--model", "asia", "--query", "lung", "--evidence", "smoke=often"},
                {"infer", "--model", "asia", "--query", "xray", "--evidence", "either=no,lung=yes"},
                {"infer", "--model", "asia", "--query", "lung", "--evidence", "smoke"},
                {"infer", "--model", "nowhere.bif", "--query", "a"},
        };
        String[] expected = {"no variable 'lungs'", "has no state 'often'", "has probability 0", "is not VAR=STATE", "no network file at nowhere.bif"};
        for (int i = 0; i < cases.length; i++) {
            CliTest.Result r = run(cases[i]);
            assertEquals(2, r.code(), String.join(" ", cases[i]));
            assertTrue(r.err().contains(expected[i]), r.err());
        }
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "asia,tub,smoke,lung,bronc,either,xray,dysp\nyes,no,maybe,no,no,no,no,no\n");
        CliTest.Result r = run("fit", "bn", "--model", "asia", "--data", bad.toString(), "--out", dir.resolve("x.bif").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown state 'maybe' of 'smoke' at row 0"), r.err());
    }
}
