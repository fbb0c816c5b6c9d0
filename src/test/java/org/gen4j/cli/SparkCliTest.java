package org.gen4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --spark local[2]} fits the same models as the same command on one machine, and bad input stays one line. */
class SparkCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(CliTest.Result result) throws IOException {
        assertEquals(0, result.code(), result.err());
        return JSON.readTree(result.out());
    }

    @Test
    void fitGmmAndFitHmmOnSparkMatchOneMachine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("faithful.csv");
        Files.copy(Path.of("datasets/faithful.csv"), csv);
        JsonNode local = json(CliTest.run("fit", "gmm", "--data", csv.toString(), "-k", "2", "--out", dir.resolve("a.gmm").toString(), "--json"));
        JsonNode spark = json(CliTest.run("fit", "gmm", "--data", csv.toUri().toString(), "-k", "2", "--spark", "local[2]",
                "--out", dir.resolve("b.gmm").toString(), "--json"));
        assertEquals(local.get("meanLogLikelihood").asDouble(), spark.get("meanLogLikelihood").asDouble(), 1e-9);
        assertEquals(local.get("bic").asDouble(), spark.get("bic").asDouble(), 1e-6);
        assertEquals(local.get("nIter").asInt(), spark.get("nIter").asInt());

        JsonNode hmmLocal = json(CliTest.run("fit", "hmm", "--data", "eustock-returns", "-k", "2", "--out", dir.resolve("a.hmm").toString(), "--json"));
        JsonNode hmmSpark = json(CliTest.run("fit", "hmm", "--data", "eustock-returns", "-k", "2", "--spark", "local[2]",
                "--out", dir.resolve("b.hmm").toString(), "--json"));
        double logLikelihood = hmmLocal.get("logLikelihood").asDouble();
        assertEquals(logLikelihood, hmmSpark.get("logLikelihood").asDouble(), 1e-9 * Math.abs(logLikelihood));
        assertEquals(hmmLocal.get("steps").asLong(), hmmSpark.get("steps").asLong());
    }

    @Test
    void fitBnOnSparkWritesTheSameNetwork(@TempDir Path dir) throws IOException {
        Path cases = dir.resolve("asia.csv");
        assertEquals(0, CliTest.run("sample", "--model", "asia", "-n", "2000", "--seed", "3", "--out", cases.toString()).code());
        assertEquals(0, CliTest.run("fit", "bn", "--model", "asia", "--data", cases.toString(), "--out", dir.resolve("a.bif").toString()).code());
        CliTest.Result spark = CliTest.run("fit", "bn", "--model", "asia", "--data", cases.toString(), "--spark", "local[2]",
                "--out", dir.resolve("b.bif").toString());
        assertEquals(0, spark.code(), spark.err());
        assertEquals(Files.readString(dir.resolve("a.bif")), Files.readString(dir.resolve("b.bif")));

        // --weight-column: the same network as one machine's weighted fit, and as learn's
        String[] lines = Files.readString(cases).split("\n");
        StringBuilder weighted = new StringBuilder(lines[0] + ",w\n");
        for (int r = 1; r < lines.length; r++) {
            weighted.append(lines[r]).append(',').append(r % 4).append('\n');
        }
        Path weightedCases = dir.resolve("weighted.csv");
        Files.writeString(weightedCases, weighted);
        assertEquals(0, CliTest.run("fit", "bn", "--model", "asia", "--data", weightedCases.toString(), "--weight-column", "w",
                "--out", dir.resolve("c.bif").toString()).code());
        CliTest.Result weightedOnSpark = CliTest.run("fit", "bn", "--model", "asia", "--data", weightedCases.toString(),
                "--weight-column", "w", "--spark", "local[2]", "--out", dir.resolve("d.bif").toString());
        assertEquals(0, weightedOnSpark.code(), weightedOnSpark.err());
        assertEquals(Files.readString(dir.resolve("c.bif")), Files.readString(dir.resolve("d.bif")));
        JsonNode learned = json(CliTest.run("learn", "--data", weightedCases.toString(), "--weight-column", "w",
                "--out", dir.resolve("e.bif").toString(), "--json"));
        JsonNode learnedOnSpark = json(CliTest.run("learn", "--data", weightedCases.toString(), "--weight-column", "w",
                "--spark", "local[2]", "--out", dir.resolve("f.bif").toString(), "--json"));
        assertEquals(learned.get("edges"), learnedOnSpark.get("edges"));
        assertEquals(learned.get("score").asDouble(), learnedOnSpark.get("score").asDouble(), 0.0, "integer weights add up exactly");
        assertEquals(learned.get("meanLogLikelihood").asDouble(), learnedOnSpark.get("meanLogLikelihood").asDouble(), 1e-12);
    }

    @Test
    void learnOnSparkFindsTheNetworkOneMachineFinds(@TempDir Path dir) throws IOException {
        String cases = "datasets/bn/asia-samples.csv";
        JsonNode local = json(CliTest.run("learn", "--data", cases, "--out", dir.resolve("a.bif").toString(), "--json"));
        JsonNode spark = json(CliTest.run("learn", "--data", cases, "--spark", "local[2]", "--out", dir.resolve("b.bif").toString(), "--json"));
        assertEquals(local.get("score").asDouble(), spark.get("score").asDouble(), 0.0, "integer counts add up exactly");
        assertEquals(local.get("edges"), spark.get("edges"));
        assertEquals(local.get("meanLogLikelihood").asDouble(), spark.get("meanLogLikelihood").asDouble(), 1e-12);
        assertEquals(Files.readString(dir.resolve("a.bif")), Files.readString(dir.resolve("b.bif")));

        JsonNode tree = json(CliTest.run("learn", "--data", cases, "--structure", "chow-liu", "--out", dir.resolve("c.bif").toString(), "--json"));
        JsonNode sparkTree = json(CliTest.run("learn", "--data", cases, "--structure", "chow-liu", "--spark", "local[2]",
                "--out", dir.resolve("d.bif").toString(), "--json"));
        assertEquals(tree.get("edges"), sparkTree.get("edges"));
        assertEquals(tree.get("score").asDouble(), sparkTree.get("score").asDouble(), 1e-9 * Math.abs(tree.get("score").asDouble()));

        Path holes = dir.resolve("holes.csv");
        Files.writeString(holes, "a,b\nyes,no\n?,yes\nno,no\n");
        CliTest.Result missing = CliTest.run("learn", "--data", holes.toString(), "--spark", "local[2]", "--out", dir.resolve("e.bif").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("missing values: structure search needs complete cases"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }

    @Test
    void fitVaeOnSparkTrainsAndWhatItCannotDoIsOneLine(@TempDir Path dir) throws IOException {
        JsonNode vae = json(CliTest.run("fit", "vae", "--data", "digits", "--epochs", "3", "--hidden", "64", "--latent", "4",
                "--spark", "local[2]", "--averaging", "4", "--out", dir.resolve("v.gen4j").toString(), "--json"));
        JsonNode elbo = vae.get("testElbo");
        assertEquals(3, elbo.size());
        assertTrue(elbo.get(2).asDouble() > elbo.get(0).asDouble(), "held-out ELBO per epoch: " + elbo);
        assertTrue(Files.exists(dir.resolve("v.gen4j")));

        // a conditional VAE with beta warming up: each row's class travels with it to the partitions
        JsonNode conditional = json(CliTest.run("fit", "vae", "--data", "digits", "--epochs", "2", "--conditional", "--warmup-epochs", "2",
                "--hidden", "64", "--latent", "4", "--spark", "local[2]", "--out", dir.resolve("c.gen4j").toString(), "--json"));
        assertEquals(10, conditional.get("classes").asInt());
        org.gen4j.vae.VariationalAutoencoder cvae = org.gen4j.core.ModelIO.load(dir.resolve("c.gen4j"), org.gen4j.vae.VariationalAutoencoder.class);
        assertEquals(0.5, cvae.history().beta()[0], 0.0, "beta warms up: half in the first of two warm-up epochs");
        assertEquals(1.0, cvae.history().beta()[1], 0.0);
        assertTrue(Double.isFinite(cvae.history().testElbo()[1]), "a held-out ELBO given the held-out classes");
        CliTest.Result averagingAlone = CliTest.run("fit", "vae", "--data", "digits", "--epochs", "1", "--averaging", "3",
                "--out", dir.resolve("a.gen4j").toString());
        assertEquals(2, averagingAlone.code());
        assertTrue(averagingAlone.err().contains("it needs --spark"), averagingAlone.err());
    }

    @Test
    void fitVaeOnSparkReadsACsvWhereItIs(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("digits.csv");
        Files.writeString(csv, org.gen4j.testing.DigitsCsv.text());
        CliTest.Result run = CliTest.run("fit", "vae", "--data", csv.toUri().toString(), "--labels", "digit", "--epochs", "3",
                "--hidden", "64", "--latent", "4", "--spark", "local[2]", "--out", dir.resolve("v.gen4j").toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(3, run.out().lines().filter(l -> l.startsWith("epoch ")).count(), "a line per epoch as it ends: " + run.out());
        assertTrue(run.out().contains("on Spark: 64 columns, scaled (max)") && run.out().contains("held out"), run.out());
        org.gen4j.vae.VariationalAutoencoder vae = org.gen4j.core.ModelIO.load(dir.resolve("v.gen4j"),
                org.gen4j.vae.VariationalAutoencoder.class);
        double[] elbo = vae.history().testElbo();
        assertTrue(elbo[2] > elbo[0], "held-out ELBO per epoch: " + java.util.Arrays.toString(elbo));
        assertEquals(64, vae.architecture().dataShape()[0], "the label column is not trained on");
    }

    @Test
    void fitGanOnSparkReadsACsvWhereItIsAndWhatItCannotDoIsOneLine(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 1200; i++) {
            text.append(3 + 0.5 * random.nextGaussian()).append(',').append(-1 + 0.5 * random.nextGaussian()).append('\n');
        }
        Path csv = dir.resolve("blob.csv");
        Files.writeString(csv, text);
        CliTest.Result run = CliTest.run("fit", "gan", "--data", csv.toString(), "--arch", "mlp", "--epochs", "2", "--batch", "100",
                "--spark", "local[2]", "--averaging", "3", "--out", dir.resolve("g.gen4j").toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("epoch ")).count(), "a line per epoch as it ends: " + run.out());
        assertTrue(run.out().contains("on Spark (local[2]), parameters averaged every 3 steps"), run.out());
        org.gen4j.gan.Gan gan = org.gen4j.core.ModelIO.load(dir.resolve("g.gen4j"), org.gen4j.gan.Gan.class);
        assertEquals(2, gan.history().epochs());

        CliTest.Result generator = CliTest.run("fit", "gan", "--data", csv.toString(), "--generator", "g.h5", "--spark", "local[2]",
                "--out", dir.resolve("h.gen4j").toString());
        assertEquals(2, generator.code());
        assertTrue(generator.err().contains("does not run with --spark"), generator.err());
        CliTest.Result averagingAlone = CliTest.run("fit", "gan", "--data", csv.toString(), "--averaging", "3",
                "--out", dir.resolve("a.gen4j").toString());
        assertEquals(2, averagingAlone.code());
        assertTrue(averagingAlone.err().contains("it needs --spark"), averagingAlone.err());
    }

    @Test
    void badInputOnSparkIsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        CliTest.Result missing = CliTest.run("fit", "gmm", "--data", dir.resolve("nothing.csv").toString(), "-k", "2",
                "--spark", "local[2]", "--out", dir.resolve("x.gmm").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("gen4j: Spark cannot read"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        Path words = dir.resolve("words.csv");
        Files.writeString(words, "a,b\n1,x\n2,y\n3,z\n");
        CliTest.Result text = CliTest.run("fit", "gmm", "--data", words.toString(), "--columns", "a,b", "-k", "1",
                "--spark", "local[2]", "--out", dir.resolve("y.gmm").toString());
        assertEquals(2, text.code());
        assertTrue(text.err().contains("column 'b'") && text.err().contains("not a number"), text.err());
        assertTrue(!Files.exists(dir.resolve("x.gmm")) && !Files.exists(dir.resolve("y.gmm")));
    }
}
