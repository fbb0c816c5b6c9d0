package org.gen4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.gen4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanCliTest {
    @TempDir
    Path dir;

    @Test
    void fitSampleAndEvaluateAGan() throws Exception {
        Path model = dir.resolve("gan.gen4j");
        CliTest.Result fit = run("fit", "gan", "--data", "digits", "--arch", "dcgan", "--epochs", "2", "--seed", "1",
                "--out", model.toString(), "--json");
        assertEquals(0, fit.code(), fit.err());
        JsonNode json = new ObjectMapper().readTree(fit.out());
        for (String key : List.of("model", "architecture", "latent", "generatorParameters", "discriminatorParameters", "discriminatorLoss", "generatorLoss")) {
            assertTrue(json.has(key), key);
        }
        assertEquals(0, run("sample", "--model", model.toString(), "--n", "16", "--out", dir.resolve("g.png").toString()).code());
        CliTest.Result eval = run("eval", "--model", model.toString(), "--data", "digits", "--n", "300", "--json");
        assertEquals(0, eval.code(), eval.err());
        JsonNode q = new ObjectMapper().readTree(eval.out());
        for (String key : List.of("fid", "mmd", "precision", "recall", "modeCoverage")) {
            assertTrue(q.has(key), key);
        }
        CliTest.Result score = run("score", "--model", model.toString(), "--data", "digits");
        assertEquals(0, score.code(), score.err());
        assertTrue(score.out().startsWith("anomalyScore"), score.out().substring(0, 40));
        assertEquals(1798, score.out().lines().count());
        CliTest.Result floor = run("eval", "--data", "digits", "--reference", "digits", "--json");
        assertEquals(0.0, new ObjectMapper().readTree(floor.out()).get("fid").asDouble(), 1e-6, "a set against itself");
    }

    @Test
    void trainsAClassifierForOtherImageData() throws Exception {
        Path classifier = dir.resolve("c.zip");
        CliTest.Result r = run("classifier", "--data", "digits", "--epochs", "5", "--out", classifier.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).get("heldOutAccuracy").asDouble() > 0.8);
        assertTrue(Files.isRegularFile(classifier));
        assertEquals(0, run("eval", "--data", "digits", "--reference", "digits", "--classifier", classifier.toString()).code());
    }

    @Test
    void clearErrors() {
        CliTest.Result gp = run("fit", "gan", "--data", "digits", "--arch", "wgan-gp", "--out", dir.resolve("x").toString());
        assertEquals(2, gp.code());
        assertTrue(gp.err().contains("second derivatives"), gp.err());
        CliTest.Result both = run("eval", "--data", "digits");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("either --model"), both.err());
        CliTest.Result iris = run("eval", "--data", "iris", "--reference", "iris");
        assertEquals(2, iris.code());
        assertTrue(iris.err().contains("gen4j classifier"), iris.err());
    }
}
