package org.gen4j.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gen4j.notebook.KernelSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every notebook in notebooks/ the way Jupyter does: {@code jupyter nbconvert --execute} with the gen4j kernel
 * (its kernelspec written into target/ for this JVM's class path), then reads the executed notebook. Every code
 * cell must have run without an error, and each cell's {@code "gen4j"} metadata must hold: {@code "expect"} text in
 * its output, each of its {@code "numbers"} (a number printed after a text) within bounds from an independent
 * reference (notebooks/reference/) or a stated measured range, and {@code "picture": true} a PNG that decodes.
 *
 * <p>Jupyter comes from Debian ({@code .ci/run} installs it): where it is missing this test is skipped, unless
 * {@code GEN4J_REQUIRE_JUPYTER} is set (as in CI), where it fails.
 */
class NotebookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JUPYTER_DATA = Path.of("target", "jupyter");
    private static final Path EXECUTED = Path.of("target", "notebooks-executed");

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList().stream();
        }
    }

    @BeforeAll
    static void installKernel() throws IOException, InterruptedException {
        boolean jupyter;
        try {
            jupyter = new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            jupyter = false;
        }
        if (!jupyter && System.getenv("GEN4J_REQUIRE_JUPYTER") != null) {
            fail("GEN4J_REQUIRE_JUPYTER is set but 'jupyter nbconvert' does not run (apt install jupyter-nbconvert python3-nbclient)");
        }
        Assumptions.assumeTrue(jupyter, "Jupyter's nbconvert is not installed: the notebooks are not run (apt install jupyter-nbconvert)");
        KernelSpec.write(JUPYTER_DATA.toAbsolutePath(), KernelSpec.thisJvmCommand());
        Files.createDirectories(EXECUTED);
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void jupyterRunsEveryCellAndTheOutputsHoldTheirChecks(Path notebook) throws IOException, InterruptedException {
        Path log = EXECUTED.resolve(notebook.getFileName() + ".log");
        ProcessBuilder nbconvert = new ProcessBuilder("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=" + KernelSpec.NAME, "--ExecutePreprocessor.timeout=-1",
                "--output-dir", EXECUTED.toAbsolutePath().toString(), notebook.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        nbconvert.environment().put("JUPYTER_PATH", JUPYTER_DATA.toAbsolutePath().toString());
        Process process = nbconvert.start();
        // a hang guard, not a speed check: the five notebooks take about 1.5 minutes together
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(notebook + ": nbconvert still running after 30 minutes; its log: " + Files.readString(log));
        }
        assertEquals(0, process.exitValue(), notebook + ": nbconvert failed: " + Files.readString(log));
        JsonNode cells = JSON.readTree(EXECUTED.resolve(notebook.getFileName()).toFile()).get("cells");
        int index = 0;
        for (JsonNode cell : cells) {
            index++;
            if (!cell.path("cell_type").asText().equals("code")) {
                continue;
            }
            String where = notebook.getFileName() + " cell " + index;
            assertTrue(cell.path("execution_count").isInt(), where + " did not run");
            String text = outputText(cell, where);
            JsonNode checks = cell.path("metadata").path("gen4j");
            assertTrue(text.contains(checks.path("expect").asText("")), where + " should print '" + checks.path("expect").asText() + "': " + text);
            for (JsonNode number : checks.path("numbers")) {
                assertNumber(text, number, where);
            }
            if (checks.path("picture").asBoolean(false)) {
                assertPicture(cell, where);
            }
        }
    }

    /**
     * Jupyter's own client (jupyter_client, as a notebook front end) drives the kernel: a failing cell is an error
     * reply with the gen4j message; an interrupt request (the stop button) during training stops it between two
     * EM iterations; the next cell still sees the session's variables.
     */
    @org.junit.jupiter.api.Test
    void aJupyterClientSeesErrorsStopsTrainingAndKeepsTheSession() throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/org/gen4j/notebook/kernel_session.py").toAbsolutePath();
        Path log = EXECUTED.resolve("kernel_session.log");
        // Debian's jupyter_client belongs to the system Python, which may not be the first python3 on the PATH
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        ProcessBuilder session = new ProcessBuilder(python, script.toString()).redirectError(log.toFile());
        session.environment().put("JUPYTER_PATH", JUPYTER_DATA.toAbsolutePath().toString());
        Process process = session.start();
        List<JsonNode> steps = new ArrayList<>();
        try (java.io.BufferedReader out = process.inputReader()) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                steps.add(JSON.readTree(line));
            }
        }
        assertEquals(0, process.waitFor(), "the session failed: " + Files.readString(log));
        assertEquals(3, steps.size(), steps.toString());
        JsonNode error = steps.get(0).path("outputs").get(0);
        assertEquals("error", steps.get(0).path("status").asText());
        assertTrue(error.path("evalue").asText().startsWith("no data file at no-such-data"), error.toString());
        assertEquals("error", steps.get(1).path("status").asText());
        assertEquals("training stopped between two steps", steps.get(1).path("outputs").get(0).path("evalue").asText(), steps.get(1).toString());
        assertEquals("ok", steps.get(2).path("status").asText());
        assertEquals("42", steps.get(2).path("outputs").get(0).path("text").asText(), "the session kept its variables");
    }

    /** The cell's printed text and the text form of its result; an error output fails with Jupyter's message. */
    private static String outputText(JsonNode cell, String where) {
        StringBuilder text = new StringBuilder();
        for (JsonNode output : cell.path("outputs")) {
            switch (output.path("output_type").asText()) {
                case "error" -> fail(where + " failed: " + output.path("ename").asText() + ": " + output.path("evalue").asText());
                case "stream" -> output.path("text").forEach(line -> text.append(line.asText()));
                default -> output.path("data").path("text/plain").forEach(line -> text.append(line.asText()));
            }
            if (output.path("data").path("text/plain").isTextual()) {
                text.append(output.path("data").path("text/plain").asText());
            }
            if (output.path("text").isTextual()) {
                text.append(output.path("text").asText());
            }
        }
        return text.toString();
    }

    private static void assertPicture(JsonNode cell, String where) throws IOException {
        List<JsonNode> pictures = new ArrayList<>();
        cell.path("outputs").forEach(o -> {
            if (o.path("data").has("image/png")) {
                pictures.add(o.path("data").path("image/png"));
            }
        });
        assertEquals(1, pictures.size(), where + " should show one picture");
        byte[] png = Base64.getMimeDecoder().decode(pictures.get(0).asText().getBytes(StandardCharsets.US_ASCII));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null && image.getWidth() > 50 && image.getHeight() > 50, where + ": the PNG does not decode to a picture");
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    /**
     * A number the cell prints right after the text {@code after} must lie in [min, max]; {@code source} says where
     * the bounds come from.
     */
    private static void assertNumber(String out, JsonNode number, String where) {
        String after = number.path("after").asText();
        int at = out.indexOf(after);
        assertTrue(at >= 0, where + " should print '" + after + "' before a number, printed: " + out);
        java.util.regex.Matcher m = NUMBER.matcher(out.substring(at + after.length()));
        assertTrue(m.lookingAt(), where + ": no number after '" + after + "' in: " + out);
        double value = Double.parseDouble(m.group());
        double min = number.path("min").asDouble(), max = number.path("max").asDouble();
        assertTrue(value >= min && value <= max, where + ": " + after + value + " outside [" + min + ", " + max + "] ("
                + number.path("source").asText() + ")");
    }
}
