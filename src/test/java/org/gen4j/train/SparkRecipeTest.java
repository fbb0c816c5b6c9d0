package org.gen4j.train;

import org.gen4j.cli.Gen4j;
import org.gen4j.core.ModelIO;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.hmm.HiddenMarkovModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gen4j train RECIPE --spark local[2]} (or a recipe's spark section) runs gmm, hmm, vae and gan recipes on Spark. */
class SparkRecipeTest {

    record Result(int code, String out, String err) {
    }

    static Result train(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "train";
        System.arraycopy(args, 0, command, 1, args.length);
        int code = Gen4j.execute(command, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aGmmRecipeRunsOnSparkWithHeldOutScoresEveryIteration(@TempDir Path dir) throws IOException {
        Result run = train("training/gmm-faithful.yaml", "--spark", "local[2]", "--quiet", "--set", "output=" + dir,
                "--set", "model.nInit=1");
        assertEquals(0, run.code(), run.err());
        Path folder = RunFolders.onlyRun(dir);
        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("partitions") && report.contains("rows held out"), report);
        assertTrue(Files.readString(folder.resolve("recipe.yaml")).contains("local[2]"), "the resolved recipe names the master");
        GaussianMixture gmm = (GaussianMixture) ModelIO.load(folder.resolve("model.gen4j"));
        assertEquals(2, gmm.components());
        // faithful's two clusters: a mean log-likelihood near the full-data fit's -4.155
        assertEquals(-4.155, gmm.meanLogProb(org.gen4j.data.Datasets.load("faithful").features()), 0.1);
        long iterations = Files.readAllLines(folder.resolve("metrics.csv")).size() - 1;
        assertEquals(gmm.nIter(), iterations, "one metrics row (with its held-out score) per iteration");
        assertTrue(Files.exists(folder.resolve("components.png")));
    }

    @Test
    void anHmmRecipeOnSparkSplitsWholeSequences(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("regimes.csv");
        Files.writeString(csv, twoRegimeSequences(60, 80));
        Path recipe = dir.resolve("regimes.yaml");
        Files.writeString(recipe, """
                name: regimes
                model: {family: hmm, states: 2, emission: gaussian, covariance: diag, nInit: 1}
                data: {source: "%s", columns: [x], sequenceColumn: seq, trainFraction: 0.75}
                training: {maxIter: 50, seed: 3}
                spark: {master: "local[2]"}
                output: "%s"
                """.formatted(csv.toUri(), dir.resolve("runs")));
        Result run = train(recipe.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        Path folder = RunFolders.onlyRun(dir.resolve("runs"));
        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("sequences") && report.contains("held out"), report);
        HiddenMarkovModel hmm = (HiddenMarkovModel) ModelIO.load(folder.resolve("model.gen4j"));
        assertEquals(2, hmm.states());
        for (int state = 0; state < 2; state++) {
            double stay = hmm.transMat().getDouble(state, state);
            assertTrue(stay > 0.8 && stay < 0.97, "the regimes switch with probability 0.1: stays " + stay);
        }
        assertTrue(report.contains("held-out log-likelihood per step"), report);
    }

    @Test
    void aVaeRecipeRunsOnSparkWithCheckpointsAndAReport(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("digits.csv");
        Files.writeString(csv, org.gen4j.testing.DigitsCsv.text());
        Path recipe = dir.resolve("digits-vae.yaml");
        Files.writeString(recipe, """
                name: digits-vae
                model: {family: vae, hidden: [64], latent: 4}
                data: {source: "%s", columns: [%s], trainFraction: 0.8}
                training: {epochs: 3, batch: 32, seed: 2, checkpointEvery: 1}
                spark: {master: "local[2]", averaging: 3}
                output: "%s"
                """.formatted(csv.toUri(), String.join(", ", java.util.stream.IntStream.range(0, 64).mapToObj(j -> "p" + j).toList()),
                dir.resolve("runs")));
        Result run = train(recipe.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        Path folder = RunFolders.onlyRun(dir.resolve("runs"));
        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("averaged every 3 batches") && report.contains("held-out ELBO") && report.contains("IWAE"), report);
        assertTrue(report.contains("on Spark: 64 columns"), report);
        assertEquals(4, Files.readAllLines(folder.resolve("metrics.csv")).size(), "header + a row per epoch");
        assertTrue(RunFolders.hasCheckpoint(dir.resolve("runs"), "state-"), "a checkpoint per epoch");
        assertTrue(Files.exists(folder.resolve("latent.png")));
        org.gen4j.vae.VariationalAutoencoder vae = ModelIO.load(folder.resolve("model.gen4j"), org.gen4j.vae.VariationalAutoencoder.class);
        assertEquals(3, vae.history().epochs());
    }

    @Test
    void aGanRecipeRunsOnSparkWithItsFrechetDistancePerEpoch(@TempDir Path dir) throws IOException {
        Result run = train("training/dcgan-digits.yaml", "--spark", "local[2]", "--quiet", "--set", "output=" + dir,
                "--set", "training.epochs=2", "--set", "spark.averaging=4", "--set", "training.checkpointEvery=1");
        assertEquals(0, run.code(), run.err());
        Path folder = RunFolders.onlyRun(dir);
        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("both networks averaged every 4 steps") && report.contains("sample quality"), report);
        assertEquals(3, Files.readAllLines(folder.resolve("metrics.csv")).size(), "header + a row per epoch");
        assertTrue(RunFolders.hasCheckpoint(dir, "state-"), "a checkpoint per epoch");
        org.gen4j.gan.Gan gan = ModelIO.load(folder.resolve("model.gen4j"), org.gen4j.gan.Gan.class);
        assertEquals(2, gan.history().epochs());
        assertTrue(Double.isFinite(gan.history().metric()[1]), "a Frechet distance after each epoch");
    }

    @Test
    void whatCannotRunOnSparkIsOneLine(@TempDir Path dir) {
        Result noSequences = train("training/hmm-eustocks.yaml", "--spark", "local[2]", "--quiet", "--set", "output=" + dir);
        assertEquals(2, noSequences.code());
        assertTrue(noSequences.err().startsWith("gen4j: on Spark, hidden Markov model data needs a sequence column"), noSequences.err());
        assertEquals(1, noSequences.err().strip().lines().count(), noSequences.err());

        Result bn = train("training/bn-asia.yaml", "--spark", "local[2]", "--quiet", "--set", "output=" + dir);
        assertEquals(2, bn.code());
        assertTrue(bn.err().contains("bn recipes do not run on Spark yet"), bn.err());

        Result ui = train("training/dcgan-digits.yaml", "--spark", "local[2]", "--set", "training.ui=true", "--quiet",
                "--set", "output=" + dir);
        assertEquals(2, ui.code());
        assertTrue(ui.err().contains("training.ui") && ui.err().contains("one machine's training"), ui.err());


        Result averaging = train("training/gmm-faithful.yaml", "--set", "spark.averaging=2", "--quiet", "--set", "output=" + dir);
        assertEquals(2, averaging.code());
        assertTrue(averaging.err().contains("vae and gan recipes only"), averaging.err());

        Result unknown = train("training/gmm-faithful.yaml", "--set", "spark.cores=2", "--quiet", "--set", "output=" + dir);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown key 'spark.cores'"), unknown.err());
    }

    /** Sequences that switch between a calm (mean 0) and a shifted (mean 5) regime. */
    static String twoRegimeSequences(int sequences, int steps) {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("seq,x\n");
        for (int s = 0; s < sequences; s++) {
            boolean shifted = random.nextBoolean();
            for (int t = 0; t < steps; t++) {
                if (random.nextDouble() < 0.1) {
                    shifted = !shifted;
                }
                csv.append("s").append(s).append(',').append((shifted ? 5 : 0) + random.nextGaussian()).append('\n');
            }
        }
        return csv.toString();
    }
}
