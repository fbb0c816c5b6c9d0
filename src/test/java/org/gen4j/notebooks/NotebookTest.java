package org.gen4j.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every code cell of every notebook in notebooks/, in order, through JShell (as the IJava kernel does) with
 * gen4j on the class path; a compile error or an exception fails the test, and a cell whose metadata says
 * {@code "gen4j": {"expect": "..."}} must print that text. Kernel magics ({@code %jars ...}) are skipped: the test
 * puts gen4j on the class path itself.
 */
class NotebookTest {

    static Stream<Path> notebooks() throws IOException {
        return Files.list(Path.of("notebooks")).filter(p -> p.toString().endsWith(".ipynb")).sorted();
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void everyCellRuns(Path notebook) throws IOException {
        JsonNode cells = new ObjectMapper().readTree(notebook.toFile()).get("cells");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(output, true, StandardCharsets.UTF_8);
        PrintStream originalOut = System.out;
        // the local execution engine runs cells in this JVM: what they print goes to System.out
        System.setOut(printed);
        try (JShell shell = JShell.builder().executionEngine("local").out(printed).err(printed).build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            int index = 0;
            for (JsonNode cell : cells) {
                index++;
                if (!cell.path("cell_type").asText().equals("code")) {
                    continue;
                }
                StringBuilder code = new StringBuilder();
                cell.get("source").forEach(line -> {
                    if (!line.asText().stripLeading().startsWith("%")) {
                        code.append(line.asText());
                    }
                });
                output.reset();
                run(shell, code.toString(), notebook + " cell " + index);
                String expect = cell.path("metadata").path("gen4j").path("expect").asText("");
                String out = output.toString(StandardCharsets.UTF_8);
                if (Boolean.getBoolean("gen4j.notebooks.print")) {
                    originalOut.println("### " + notebook + " cell " + index + "\n" + out);
                }
                assertTrue(out.contains(expect), notebook + " cell " + index + " should print '" + expect + "', printed: " + out);
                for (JsonNode number : cell.path("metadata").path("gen4j").path("numbers")) {
                    assertNumber(out, number, notebook + " cell " + index);
                }
            }
        } finally {
            System.setOut(originalOut);
        }
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    /**
     * A number the cell prints, right after the text {@code after}, must lie in [min, max]; {@code source} says where
     * the bounds come from (an independent reference, notebooks/reference/, or a measured range).
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

    /** Evaluates a cell snippet by snippet; a rejected snippet or an exception fails with the cell's name. */
    private static void run(JShell shell, String code, String where) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String source = info.source() == null ? remaining : info.source();
            for (SnippetEvent event : shell.eval(source)) {
                if (event.status() == Snippet.Status.REJECTED) {
                    StringBuilder why = new StringBuilder();
                    shell.diagnostics(event.snippet()).forEach(d -> why.append(d.getMessage(null)).append("; "));
                    fail(where + " does not compile: " + why + "\n" + source);
                }
                if (event.exception() != null) {
                    fail(where + " threw " + event.exception() + "\n" + source);
                }
            }
            remaining = info.remaining() == null ? "" : info.remaining();
            if (info.source() == null) {
                break;
            }
        }
    }
}
