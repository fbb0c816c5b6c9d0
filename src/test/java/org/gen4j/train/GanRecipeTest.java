package org.gen4j.train;

import org.gen4j.core.ModelIO;
import org.gen4j.gan.Gan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.gen4j.train.RunFolders.gen4j;
import static org.gen4j.train.RunFolders.metricsWithoutTimes;
import static org.gen4j.train.RunFolders.onlyRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gan family of recipes: the shipped DCGAN recipe end to end, and exact resume from a middle checkpoint. */
class GanRecipeTest {
    @TempDir
    Path dir;

    @Test
    void theShippedRecipeWritesModelReportPicturesAndFid() throws Exception {
        assertEquals(0, gen4j("train", "training/dcgan-digits.yaml", "--set", "output=" + dir, "--set", "training.epochs=2",
                "--set", "training.checkpointEvery=0", "--set", "training.patience=1", "--quiet"));
        Path run = onlyRun(dir);
        for (String file : List.of("model.gen4j", "metrics.csv", "report.md", "samples.png", "losses.png", "fid.png",
                "epochs/samples-001.png", "epochs/samples-002.png")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file);
        }
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("sample quality") && report.contains("floor"), report);
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(3, metrics.size());
        assertTrue(Double.parseDouble(metrics.get(2).split(",")[3]) < 0, "heldOut is minus the FID");
        // early stopping on the FID keeps the epoch with the lowest one
        Gan kept = ModelIO.load(run.resolve("model.gen4j"), Gan.class);
        double lowest = metrics.stream().skip(1).mapToDouble(l -> -Double.parseDouble(l.split(",")[3])).min().orElseThrow();
        assertEquals(lowest, kept.history().lastMetric(), 1e-9);
    }

    /**
     * Killed with SIGKILL once its second epoch's checkpoint exists, resumed, and compared with a straight run. The
     * child prints a line per epoch, so eight epochs after the checkpoint are its margin: it could only finish
     * first if this test stood still for all of them (then the helper says so rather than passing).
     */
    @Test
    void aKilledRunResumesLikeAStraightOne() throws Exception {
        Path recipe = dir.resolve("dcgan-digits.yaml");
        Files.writeString(recipe, Files.readString(Path.of("training/dcgan-digits.yaml"))
                .replace("epochs: 40", "epochs: 10").replace("checkpointEvery: 10", "checkpointEvery: 1")
                .replace("trainFraction: 0.85", "trainFraction: 0.5"));
        Path[] runs = RunFolders.killResumeAndRunStraight(recipe, dir, "state-000-000002");
        Path killedRun = runs[0], straightRun = runs[1];
        assertEquals(metricsWithoutTimes(straightRun), metricsWithoutTimes(killedRun));
        Gan straightModel = ModelIO.load(straightRun.resolve("model.gen4j"), Gan.class);
        Gan resumed = ModelIO.load(killedRun.resolve("model.gen4j"), Gan.class);
        assertBitIdentical(straightModel.network().params(), resumed.network().params());
        assertBitIdentical(straightModel.averagedGeneratorWeights(), resumed.averagedGeneratorWeights());
    }
}
