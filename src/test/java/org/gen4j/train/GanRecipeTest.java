package org.gen4j.train;

import org.gen4j.core.ModelIO;
import org.gen4j.gan.Gan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

    @Test
    void aRunResumedFromAMiddleCheckpointEndsLikeAStraightOne() throws Exception {
        assertEquals(0, gen4j("train", "training/dcgan-digits.yaml", "--set", "output=" + dir.resolve("a"), "--set", "training.epochs=4",
                "--set", "training.checkpointEvery=2", "--set", "data.trainFraction=0.5", "--quiet"));
        Path run = onlyRun(dir.resolve("a"));
        List<String> straight = metricsWithoutTimes(run);
        Gan straightModel = ModelIO.load(run.resolve("model.gen4j"), Gan.class);
        List<Path> states;
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            states = s.sorted().toList();
        }
        assertEquals("state-000-000002", states.get(0).getFileName().toString());
        for (Path newer : states.subList(1, states.size())) {
            try (Stream<Path> walk = Files.walk(newer)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.delete(run.resolve("report.md"));
        Files.delete(run.resolve("model.gen4j"));
        assertEquals(0, gen4j("train", "--resume", run.toString(), "--quiet"));
        assertEquals(straight, metricsWithoutTimes(run));
        Gan resumed = ModelIO.load(run.resolve("model.gen4j"), Gan.class);
        assertBitIdentical(straightModel.network().params(), resumed.network().params());
        assertEquals(straightModel.averagedGeneratorWeights(), resumed.averagedGeneratorWeights());
    }
}
