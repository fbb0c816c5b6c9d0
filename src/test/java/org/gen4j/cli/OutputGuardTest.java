package org.gen4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No command replaces one of its own inputs, however the path is spelled. */
class OutputGuardTest {
    @TempDir
    Path dir;

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "a,b\n1,2\n2,3\n3,5\n4,4\n5,7\n6,5\n7,8\n8,9\n");
        Path model = dir.resolve("m.gmm");
        assertEquals(0, CliTest.run("fit", "gmm", "--data", csv.toString(), "-k", "1", "--out", model.toString()).code());
        byte[] csvBefore = Files.readAllBytes(csv), modelBefore = Files.readAllBytes(model);
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, csv);
        String[][] commands = {
                {"fit", "gmm", "--data", csv.toString(), "-k", "1", "--out", csv.toString()},
                {"fit", "gmm", "--data", csv.toString(), "-k", "1", "--out", dir.resolve(".").resolve("points.csv").toString()},
                {"fit", "gmm", "--data", link.toString(), "-k", "1", "--out", csv.toString()},
                {"score", "--model", model.toString(), "--data", csv.toString(), "--out", csv.toString()},
                {"score", "--model", model.toString(), "--data", csv.toString(), "--out", model.toString()},
                {"sample", "--model", model.toString(), "--n", "3", "--out", model.toString()}};
        for (String[] command : commands) {
            CliTest.Result result = CliTest.run(command);
            assertEquals(2, result.code(), String.join(" ", command) + ": " + result.err());
            assertTrue(result.err().contains("refusing to overwrite an input"), result.err());
            assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
        }
        assertArrayEquals(csvBefore, Files.readAllBytes(csv), "the data file is untouched");
        assertArrayEquals(modelBefore, Files.readAllBytes(model), "the model file is untouched");
        assertEquals(0, CliTest.run("sample", "--model", model.toString(), "--n", "3", "--out", dir.resolve("new.csv").toString()).code());
    }
}
