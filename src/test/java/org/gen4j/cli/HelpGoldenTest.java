package org.gen4j.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * CLI flags are API: every subcommand's --help must match its golden file in src/test/resources/cli/.
 * After an intended change, regenerate with {@code -Dgen4j.updateGolden=true} and review the diff.
 */
class HelpGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "info", "fit", "fit gmm", "fit hmm", "fit bn", "fit vae", "fit gan", "classifier", "eval", "import", "score", "encode", "sample", "decode", "infer", "learn", "graph", "train", "search", "ui", "serve", "notebook", "notebook install", "impute"})
    void helpMatchesTheGoldenFile(String command) throws IOException {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        CliTest.Result result = CliTest.run(args);
        assertEquals(0, result.code());
        String name = "help-" + (command.isEmpty() ? "gen4j" : command.replace(' ', '-')) + ".txt";
        if (Boolean.getBoolean("gen4j.updateGolden")) {
            Path golden = Path.of("src/test/resources/cli", name);
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, result.out());
            return;
        }
        try (InputStream in = HelpGoldenTest.class.getResourceAsStream("/cli/" + name)) {
            assertNotNull(in, "golden file " + name + " is missing: run with -Dgen4j.updateGolden=true");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), result.out(), name);
        }
    }
}
