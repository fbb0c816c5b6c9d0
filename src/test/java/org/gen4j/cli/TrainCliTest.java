package org.gen4j.cli;

import org.gen4j.core.GenerativeModel;
import org.gen4j.core.ModelIO;
import org.gen4j.gmm.GaussianMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.gen4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shipped recipe runs end to end on bundled data (shortened with overrides). */
class TrainCliTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"gmm-faithful", "hmm-eustocks", "bn-asia"})
    void shippedRecipesRunEndToEnd(String recipe) throws IOException {
        CliTest.Result r = run("train", "training/" + recipe + ".yaml", "--set", "training.maxIter=5", "--set",
                "output=" + dir, "--quiet");
        assertEquals(0, r.code(), r.err());
        Path folder;
        try (Stream<Path> runs = Files.list(dir)) {
            folder = runs.filter(p -> p.getFileName().toString().startsWith(recipe + "-")).findFirst().orElseThrow();
        }
        for (String file : List.of("recipe.yaml", "metrics.csv", "model.gen4j", "report.md")) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), recipe + ": " + file);
        }
        List<String> metrics = Files.readAllLines(folder.resolve("metrics.csv"));
        assertEquals("run,iteration,objective,heldOut,seconds", metrics.get(0));
        assertTrue(metrics.size() > 1);
        assertTrue(Files.readString(folder.resolve("recipe.yaml")).contains("maxIter: 5"));
        GenerativeModel model = ModelIO.load(folder.resolve("model.gen4j"));
        assertTrue(model.toString().length() > 10);
        assertTrue(Files.readString(folder.resolve("report.md")).contains("held-out"));
    }

    @org.junit.jupiter.api.Test
    void earlyStoppingKeepsTheBestHeldOutModel() throws IOException {
        // many components on little data: the held-out likelihood peaks and then falls as EM overfits
        CliTest.Result r = run("train", "training/gmm-faithful.yaml", "--set", "model.components=12", "--set", "model.nInit=1",
                "--set", "training.tol=0", "--set", "training.maxIter=300", "--set", "training.patience=3",
                "--set", "output=" + dir, "--quiet");
        assertEquals(0, r.code(), r.err());
        Path folder;
        try (Stream<Path> runs = Files.list(dir)) {
            folder = runs.findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(folder.resolve("metrics.csv"));
        assertTrue(lines.size() < 300, "stopped early: " + lines.size());
        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("early stopping"), report);
        double best = lines.subList(1, lines.size()).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[3])).max().orElseThrow();
        GaussianMixture model = ModelIO.load(folder.resolve("model.gen4j"), GaussianMixture.class);
        org.gen4j.data.Table faithful = org.gen4j.data.Datasets.load("faithful");
        assertEquals(best, model.meanLogProb(faithful.split(0.8, 42).test().features()), 1e-9);
    }

    @org.junit.jupiter.api.Test
    void earlyStoppingWorksForHiddenMarkovModelsToo() throws IOException {
        CliTest.Result r = run("train", "training/hmm-eustocks.yaml", "--set", "model.states=6", "--set", "model.nInit=1",
                "--set", "training.tol=0", "--set", "training.maxIter=300", "--set", "training.patience=3",
                "--set", "output=" + dir, "--quiet");
        assertEquals(0, r.code(), r.err());
        Path folder;
        try (Stream<Path> runs = Files.list(dir)) {
            folder = runs.findFirst().orElseThrow();
        }
        assertTrue(Files.readAllLines(folder.resolve("metrics.csv")).size() < 300);
        assertTrue(Files.readString(folder.resolve("report.md")).contains("early stopping"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.compnents=2"})
    void badRecipesFailWithOneLine(String override) {
        CliTest.Result r = run("train", "training/gmm-faithful.yaml", "--set", override, "--set", "output=" + dir);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key 'model.compnents'"), r.err());
    }

    @Test
    void aMissingDataFileIsNamedWithTheFolderItWasLookedFor() {
        CliTest.Result r = run("train", "training/bn-asia.yaml", "--set", "data.source=datasets/bn/no-such.csv", "--set", "output=" + dir);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("data.source datasets/bn/no-such.csv does not exist (relative paths are read from the current folder"),
                r.err());
    }
}
