package org.gen4j.bayesnet.readwrite;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.core.AtomicFiles;
import org.gen4j.core.Gen4jException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The network's graph in Graphviz DOT, and rendered to SVG or PNG when Graphviz's {@code dot} is installed.
 *
 * <pre>{@code
 * DotWriter.write(asia, Path.of("asia.dot"));       // always
 * DotWriter.render(asia, Path.of("asia.svg"));      // needs the dot program (Debian: graphviz)
 * }</pre>
 */
public final class DotWriter {
    private DotWriter() {
    }

    public static String toDot(BayesianNetwork network) {
        StringBuilder s = new StringBuilder("digraph network {\n  rankdir=TB;\n  node [shape=ellipse, fontname=\"Helvetica\"];\n");
        network.variables().forEach(v -> s.append("  \"").append(escape(v.name())).append("\" [tooltip=\"")
                .append(escape(String.join(", ", v.states()))).append("\"];\n"));
        for (String[] e : network.edges()) {
            s.append("  \"").append(escape(e[0])).append("\" -> \"").append(escape(e[1])).append("\";\n");
        }
        return s.append("}\n").toString();
    }

    public static void write(BayesianNetwork network, Path path) {
        String dot = toDot(network);
        AtomicFiles.write(path, out -> out.write(dot.getBytes(StandardCharsets.UTF_8)));
    }

    /** Renders to SVG or PNG (by the file's extension) with Graphviz; a clear error when {@code dot} is missing. */
    public static void render(BayesianNetwork network, Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String format = name.endsWith(".svg") ? "svg" : name.endsWith(".png") ? "png" : null;
        if (format == null) {
            throw new Gen4jException("cannot render " + path + ": use a .svg or .png file name (or .dot for the text)");
        }
        Path dotFile = null;
        try {
            dotFile = Files.createTempFile("gen4j-network", ".dot");
            Files.writeString(dotFile, toDot(network));
            Path source = dotFile;
            AtomicFiles.writeFile(path, temp -> runDot(format, source, temp, path));
        } catch (IOException e) {
            throw new Gen4jException("cannot render " + path + " with Graphviz (is the 'dot' program installed? Debian:"
                    + " apt-get install graphviz; or write a .dot file): " + e.getMessage(), e);
        } finally {
            deleteQuietly(dotFile);
        }
    }

    /** Graphviz's dot from {@code source} into {@code temp}; its own message when it fails. */
    private static void runDot(String format, Path source, Path temp, Path target) throws IOException {
        Process process = new ProcessBuilder("dot", "-T" + format, source.toString(), "-o", temp.toString())
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            // dot has closed its output; the bound only guards against a JVM that can no longer reap children
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new Gen4jException("Graphviz dot did not end after rendering " + target + "; run it yourself on a .dot file");
            }
            if (process.exitValue() != 0) {
                throw new Gen4jException("Graphviz dot failed to render " + target + ": " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Gen4jException("interrupted while rendering " + target, e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover file in the temporary folder; nothing the user needs to act on
            }
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
