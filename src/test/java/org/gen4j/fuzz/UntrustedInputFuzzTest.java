package org.gen4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gen4j.bayesnet.readwrite.BifReader;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.core.NpyArrays;
import org.gen4j.data.CsvTableReader;
import org.gen4j.data.IdxReader;
import org.gen4j.train.RecipeReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The readers of files from users, under a coverage-guided fuzzer (Jazzer): whatever the bytes, a reader returns
 * or throws its one user-facing error; any other exception, a hang or a crash is a finding. {@code mvn test} runs
 * the committed inputs ({@code src/test/resources/org/gen4j/fuzz/UntrustedInputFuzzTestInputs/METHOD/}) as
 * regression tests; to fuzz one reader for real (findings land in that folder, to be fixed and kept):
 * <pre>
 * JAZZER_FUZZ=1 mvn test -Dtest=UntrustedInputFuzzTest#bifFiles -Djazzer.max_duration=10m
 * </pre>
 */
class UntrustedInputFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void bifFiles(byte[] bytes) {
        try {
            BifReader.parse(new String(bytes, StandardCharsets.UTF_8), "fuzz.bif");
        } catch (Gen4jException expected) {
            // a clear message for a malformed file
        }
    }

    @FuzzTest(maxDuration = "30s")
    void csvFiles(byte[] bytes) {
        try {
            new CsvTableReader().read(new ByteArrayInputStream(bytes), "fuzz.csv");
        } catch (Gen4jException expected) {
            // a clear message for a malformed file
        }
    }

    @FuzzTest(maxDuration = "30s")
    void recipes(byte[] bytes) {
        try {
            RecipeReader.parse(new String(bytes, StandardCharsets.UTF_8), "fuzz", List.of());
        } catch (Gen4jException expected) {
            // a clear message for a malformed recipe
        }
    }

    @FuzzTest(maxDuration = "30s")
    void npyArrays(byte[] bytes) {
        try {
            NpyArrays.read(bytes);
        } catch (IllegalArgumentException | ArithmeticException expected) {
            // what ModelArchive turns into "corrupt model file"
        }
    }

    @FuzzTest(maxDuration = "30s")
    void idxFiles(byte[] bytes) {
        try {
            IdxReader.images(new ByteArrayInputStream(bytes), "fuzz.idx");
        } catch (Gen4jException expected) {
            // a clear message for a malformed file
        }
    }

    @FuzzTest(maxDuration = "30s")
    void modelFiles(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("gen4j-fuzz", ".gen4j");
        try {
            Files.write(file, bytes);
            ModelIO.load(file);
        } catch (Gen4jException expected) {
            // a clear message for a malformed, truncated or foreign file
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
