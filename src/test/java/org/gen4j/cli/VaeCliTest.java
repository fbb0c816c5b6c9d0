package org.gen4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.gen4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaeCliTest {
    @TempDir
    Path dir;

    @Test
    void fitSampleAndScoreAVae() throws Exception {
        Path model = dir.resolve("vae.gen4j");
        CliTest.Result fit = run("fit", "vae", "--data", "digits", "--hidden", "64", "--latent", "4", "--epochs", "4",
                "--batch", "64", "--seed", "2", "--out", model.toString(), "--json");
        assertEquals(0, fit.code(), fit.err());
        JsonNode json = new ObjectMapper().readTree(fit.out());
        for (String key : List.of("model", "architecture", "latent", "likelihood", "parameters", "epochs", "trainLoss", "testElbo", "finalTestElbo")) {
            assertTrue(json.has(key), key);
        }
        assertEquals(4, json.get("testElbo").size());
        assertTrue(json.get("testElbo").get(3).asDouble() > json.get("testElbo").get(0).asDouble());

        Path grid = dir.resolve("grid.png");
        CliTest.Result sample = run("sample", "--model", model.toString(), "--n", "20", "--out", grid.toString());
        assertEquals(0, sample.code(), sample.err());
        BufferedImage picture = ImageIO.read(grid.toFile());
        assertTrue(picture.getWidth() > picture.getHeight(), "10 per row, 2 rows");

        Path scores = dir.resolve("scores.csv");
        CliTest.Result score = run("score", "--model", model.toString(), "--data", "digits", "--out", scores.toString());
        assertEquals(0, score.code(), score.err());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("elbo,z1,z2,z3,z4", lines.get(0));
        assertEquals(1798, lines.size());

        // --iw-samples: importance-weighted log p(x), a tighter bound than the ELBO; --json: the means, in nats per row
        CliTest.Result weighted = run("score", "--model", model.toString(), "--data", "digits", "--iw-samples", "16", "--json",
                "--out", scores.toString());
        assertEquals(0, weighted.code(), weighted.err());
        assertEquals("logLikelihood,z1,z2,z3,z4", Files.readAllLines(scores).get(0));
        JsonNode means = new ObjectMapper().readTree(weighted.out());
        assertEquals(1797, means.get("rows").asInt());
        assertEquals(16, means.get("importanceSamples").asInt());
        assertTrue(means.get("meanLogLikelihood").asDouble() > means.get("meanElbo").asDouble(), weighted.out());
        CliTest.Result again = run("score", "--model", model.toString(), "--data", "digits", "--iw-samples", "16", "--json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) means).remove("out");
        assertEquals(means, new ObjectMapper().readTree(again.out()), "same seed, same scores; no rows without --out");
        CliTest.Result zero = run("score", "--model", model.toString(), "--data", "digits", "--iw-samples", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--iw-samples must be at least 1"), zero.err());
    }

    @Test
    void conditionalSamplesOfOneClassAndClearErrors() {
        Path model = dir.resolve("cvae.gen4j");
        assertEquals(0, run("fit", "vae", "--data", "digits", "--conditional", "--hidden", "32", "--latent", "2", "--epochs", "1",
                "--out", model.toString()).code());
        assertEquals(0, run("sample", "--model", model.toString(), "--n", "5", "--label", "7", "--out", dir.resolve("sevens.png").toString()).code());
        CliTest.Result badLabel = run("sample", "--model", model.toString(), "--n", "5", "--label", "12");
        assertEquals(2, badLabel.code());
        assertTrue(badLabel.err().contains("--label 12 is not a class"), badLabel.err());
        CliTest.Result conv = run("fit", "vae", "--data", "iris", "--arch", "conv", "--out", dir.resolve("x.gen4j").toString());
        assertEquals(2, conv.code());
        assertTrue(conv.err().contains("conv VAE needs image data"), conv.err());
        CliTest.Result range = run("fit", "vae", "--data", "iris", "--scale", "none", "--out", dir.resolve("x.gen4j").toString());
        assertEquals(2, range.code());
        assertTrue(range.err().contains("[0, 1]"), range.err());
    }

    @Test
    void aDiscreteTableVaeSamplesAndScoresStates() {
        Path model = dir.resolve("asia.vae");
        CliTest.Result fit = run("fit", "vae", "--data", "datasets/bn/asia-samples.csv", "--likelihood", "categorical",
                "--hidden", "32", "--latent", "3", "--epochs", "3", "--out", model.toString());
        assertEquals(0, fit.code(), fit.err());
        CliTest.Result sample = run("sample", "--model", model.toString(), "--n", "5", "--seed", "1");
        assertEquals(0, sample.code(), sample.err());
        List<String> lines = sample.out().lines().toList();
        assertEquals(6, lines.size());
        assertTrue(lines.get(0).contains("asia") && lines.get(1).matches("[a-z,]+"), sample.out());
        CliTest.Result score = run("score", "--model", model.toString(), "--data", "datasets/bn/asia-samples.csv", "--out",
                dir.resolve("s.csv").toString());
        assertEquals(0, score.code(), score.err());
    }
}
