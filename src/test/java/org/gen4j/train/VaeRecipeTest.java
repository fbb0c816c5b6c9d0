package org.gen4j.train;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.vae.VariationalAutoencoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.gen4j.train.RunFolders.gen4j;
import static org.gen4j.train.RunFolders.metricsWithoutTimes;
import static org.gen4j.train.RunFolders.onlyRun;
import static org.gen4j.train.RunFolders.trainInChild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vae family of recipes: a run with its pictures, exact resume after SIGKILL, and recipe errors. */
class VaeRecipeTest {
    private static final String RECIPE = """
            name: long-vae
            model:
              family: vae
              hidden: 64
              latent: 4
            data:
              source: digits
            training:
              epochs: 40
              batch: 32
              seed: 5
              checkpointEvery: 4
            """;

    @TempDir
    Path dir;

    @Test
    void theShippedRecipeWritesModelReportAndPictures() throws IOException {
        assertEquals(0, gen4j("train", "training/vae-digits.yaml", "--set", "output=" + dir, "--set", "training.epochs=3", "--quiet"));
        Path run = onlyRun(dir);
        for (String file : List.of("model.gen4j", "metrics.csv", "report.md", "samples.png", "reconstructions.png", "latent.png", "interpolation.png")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("held-out ELBO") && report.contains("IWAE"), report);
        assertEquals(4, Files.readAllLines(run.resolve("metrics.csv")).size(), "header + 3 epochs");
        VariationalAutoencoder vae = ModelIO.load(run.resolve("model.gen4j"), VariationalAutoencoder.class);
        assertEquals(3, vae.history().epochs());
    }

    @Test
    void aKilledRunResumesToTheSameMetricsAndModel() throws Exception {
        Path recipe = dir.resolve("long-vae.yaml");
        Files.writeString(recipe, RECIPE);
        Path[] runs = RunFolders.killResumeAndRunStraight(recipe, dir, "state-000-000008");
        Path killedRun = runs[0], straightRun = runs[1];

        assertEquals(metricsWithoutTimes(straightRun), metricsWithoutTimes(killedRun));
        VariationalAutoencoder a = ModelIO.load(straightRun.resolve("model.gen4j"), VariationalAutoencoder.class);
        VariationalAutoencoder b = ModelIO.load(killedRun.resolve("model.gen4j"), VariationalAutoencoder.class);
        assertBitIdentical(a.network().params(), b.network().params());
        assertBitIdentical(a.network().getUpdater().getStateViewArray(), b.network().getUpdater().getStateViewArray());
        // the resumed model says how it was made: 40 epochs in all, not the 32 after the checkpoint
        assertEquals(40, ((Number) b.provenance().hyperparameters().get("epochs")).intValue(), b.provenance().toString());
        assertEquals(a.provenance().hyperparameters().get("epochs"), b.provenance().hyperparameters().get("epochs"));
    }

    @Test
    void ctrlCStopsANetworkRunAfterWritingACheckpoint() throws Exception {
        Path recipe = dir.resolve("long-vae.yaml");
        Files.writeString(recipe, RECIPE.replace("checkpointEvery: 4", "checkpointEvery: 1000").replace("epochs: 40", "epochs: 400"));
        Path output = dir.resolve("interrupted");
        RunFolders.ChildRun child = trainInChild(recipe, output);
        // 400 epochs: the run cannot finish before the test, however loaded the machine
        assertTrue(child.readUntil(() -> metricsLines(output) > 3), "a few epochs done, no checkpoint yet: " + child.log());
        child.interrupt();
        child.finish();
        Path run = onlyRun(output);
        Checkpoints.Saved saved = new Checkpoints(run, 3).latest().orElseThrow();
        assertTrue(saved.current() instanceof VariationalAutoencoder vae && vae.history().epochs() == saved.iteration());
        assertTrue(child.log().contains("stopped on Ctrl-C"), child.log());
    }

    private static long metricsLines(Path output) {
        try {
            Path metrics = Files.isDirectory(output) ? onlyRun(output).resolve("metrics.csv") : null;
            return metrics != null && Files.exists(metrics) ? Files.readAllLines(metrics).size() : 0;
        } catch (IOException | java.util.NoSuchElementException e) {
            return 0;
        }
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() throws IOException {
        assertEquals(0, gen4j("train", "training/vae-digits.yaml", "--set", "output=" + dir, "--set", "training.epochs=40",
                "--set", "training.patience=1", "--set", "training.learningRate=0.02", "--set", "training.checkpointEvery=0", "--quiet"));
        Path run = onlyRun(dir);
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        VariationalAutoencoder kept = ModelIO.load(run.resolve("model.gen4j"), VariationalAutoencoder.class);
        double best = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[3])).max().orElseThrow();
        assertEquals(best, kept.history().testElbo()[kept.history().epochs() - 1], 1e-12);
        assertTrue(lines.size() - 1 < 40, "stopped before the last epoch");
        assertTrue(Files.readString(run.resolve("report.md")).contains("early stopping"));
    }

    @Test
    void recipeErrorsNameTheKey() {
        Gen4jException conv = assertThrows(Gen4jException.class, () -> RecipeTrainers.train(new TrainingRun(
                RecipeReader.parse(RECIPE.replace("hidden: 64", "hidden: 64\n  architecture: conv").replace("digits", "iris"),
                        "x", List.of("output=" + dir)), new PrintWriter(new StringWriter()), true)));
        assertTrue(conv.getMessage().contains("conv VAE needs image data"), conv.getMessage());
        Gen4jException unknown = assertThrows(Gen4jException.class, () -> RecipeReader.parse(RECIPE.replace("latent: 4", "latent: 4\n  components: 3"), "x", List.of()));
        assertTrue(unknown.getMessage().contains("line 6") && unknown.getMessage().contains("model.components"), unknown.getMessage());
        Gen4jException hidden = assertThrows(Gen4jException.class, () -> RecipeTrainers.train(new TrainingRun(
                RecipeReader.parse(RECIPE.replace("hidden: 64", "hidden: wide"), "x", List.of("output=" + dir)),
                new PrintWriter(new StringWriter()), true)));
        assertTrue(hidden.getMessage().contains("model.hidden"), hidden.getMessage());
    }
}
