package org.gen4j.cli;

import org.gen4j.core.GenerativeModel;
import org.gen4j.core.ModelIO;
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
        assertEquals("run,iteration,objective,seconds", metrics.get(0));
        assertTrue(metrics.size() > 1);
        assertTrue(Files.readString(folder.resolve("recipe.yaml")).contains("maxIter: 5"));
        GenerativeModel model = ModelIO.load(folder.resolve("model.gen4j"));
        assertTrue(model.toString().length() > 10);
        assertTrue(Files.readString(folder.resolve("report.md")).contains("held-out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.compnents=2"})
    void badRecipesFailWithOneLine(String override) {
        CliTest.Result r = run("train", "training/gmm-faithful.yaml", "--set", override, "--set", "output=" + dir);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key 'model.compnents'"), r.err());
    }
}
