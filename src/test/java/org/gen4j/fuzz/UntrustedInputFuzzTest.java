package org.gen4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gen4j.bayesnet.readwrite.BifReader;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.core.NpyArrays;
import org.gen4j.data.CsvTableReader;
import org.gen4j.data.IdxReader;
import org.gen4j.keras.KerasGenerator;
import org.gen4j.keras.KerasModelInspector;
import org.gen4j.train.RecipeReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The readers of files from users, under a coverage-guided fuzzer (Jazzer): whatever the bytes, a reader returns
 * or throws its one user-facing error; any other exception, a hang or a crash is a finding. {@code mvn test} runs
 * the committed inputs ({@code src/test/resources/org/gen4j/fuzz/UntrustedInputFuzzTestInputs/METHOD/}) as
 * regression tests. To fuzz one reader for real (each run fuzzes for the annotation's 30 s and keeps its growing
 * corpus in {@code .cifuzz-corpus/}, so repeat it for longer; findings land in that folder, to be fixed and kept):
 * <pre>
 * for run in $(seq 20); do JAZZER_FUZZ=1 mvn -q test -Dtest=UntrustedInputFuzzTest#bifFiles -Dsurefire.failIfNoSpecifiedTests=false; done
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
        readAsFile(bytes, ".gen4j", ModelIO::load);
    }

    /** Keras HDF5 files (read in plain Java: before, a crafted one hung the native HDF5 library). */
    @FuzzTest(maxDuration = "30s")
    void kerasFiles(byte[] bytes) throws IOException {
        readAsFile(bytes, ".h5", file -> {
            KerasModelInspector.inspect(file);
            // every parameter read, as a save would: a view past its memory crashed the JVM here
            KerasGenerator.importSequential(file).params().sumNumber();
        });
    }

    /** Readers that take a path: the bytes as a temporary file, a malformed one ending as one gen4j error. */
    private static void readAsFile(byte[] bytes, String suffix, Consumer<Path> reader) throws IOException {
        Path file = Files.createTempFile("gen4j-fuzz", suffix);
        try {
            Files.write(file, bytes);
            reader.accept(file);
        } catch (Gen4jException expected) {
            // a clear message for a malformed, truncated or foreign file
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
