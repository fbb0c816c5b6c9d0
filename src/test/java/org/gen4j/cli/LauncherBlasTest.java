package org.gen4j.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM options and environment the launcher sets up for native libraries (src/main/sh/native-env.sh) give a
 * working ND4J, LAPACK included: a system OpenBLAS without LAPACKE once ended the JVM at the first eigenvalue call.
 */
class LauncherBlasTest {

    /** @param lapacke where the launcher looks for Debian's liblapacke: the default, or a path that does not exist */
    @ParameterizedTest
    @ValueSource(strings = {"", "/nonexistent/liblapacke.so.3"})
    void aFrechetDistanceRunsUnderTheLaunchersSettings(String lapacke) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = ". src/main/sh/native-env.sh && exec \"$0\" $GEN4J_BLAS_OPTS -cp \"$1\" org.gen4j.cli.LapackProbe";
        ProcessBuilder launch = new ProcessBuilder(List.of("bash", "-c", script, java, System.getProperty("java.class.path")))
                .redirectErrorStream(true);
        if (!lapacke.isEmpty()) {
            launch.environment().put("GEN4J_SYSTEM_LAPACKE", lapacke);
        }
        launch.environment().put("XDG_CACHE_HOME", Path.of("target", "launcher-cache").toAbsolutePath().toString());
        Process probe = launch.start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        assertEquals(0, probe.exitValue(), output);
        assertTrue(output.contains("frechet "), output);
    }

    /**
     * Under the launcher's settings with Debian's OpenBLAS and LAPACKE preloaded, the JDK's process reaper (128 KB of
     * stack by default) overflowed on the libraries' thread-local storage and {@code graph --out x.png} hung. Runs where
     * those libraries and Graphviz are installed (the README's recommended set-up); skipped elsewhere.
     */
    @org.junit.jupiter.api.Test
    void graphvizRunsUnderTheSystemOpenBlas(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libopenblas.so.0"))
                && java.nio.file.Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/liblapacke.so.3"))
                && java.nio.file.Files.exists(Path.of("/usr/bin/dot")), "system OpenBLAS, LAPACKE and Graphviz are installed");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path png = dir.resolve("asia.png");
        String script = ". src/main/sh/native-env.sh && exec \"$0\" $GEN4J_BLAS_OPTS -cp \"$1\" org.gen4j.cli.Gen4j graph --model asia --out \"$2\"";
        ProcessBuilder launch = new ProcessBuilder(List.of("bash", "-c", script, javaBin, System.getProperty("java.class.path"), png.toString()))
                .redirectErrorStream(true);
        launch.environment().put("XDG_CACHE_HOME", Path.of("target", "launcher-cache").toAbsolutePath().toString());
        Process graph = launch.start();
        String output = new String(graph.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(graph.waitFor(10, TimeUnit.MINUTES), "graph did not end: " + output);
        assertEquals(0, graph.exitValue(), output);
        assertTrue(!output.contains("StackOverflowError") && java.nio.file.Files.size(png) > 0, output);
    }

    /**
     * Whether the system OpenBLAS has LAPACKE is looked up once per library file and then read from the cache
     * (grepping the 36 MB library cost every start ~50 ms); a changed file is looked at again.
     */
    @org.junit.jupiter.api.Test
    void theLapackeCheckIsKeptPerLibraryFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException, InterruptedException {
        Path library = dir.resolve("libopenblas.so.0");
        java.nio.file.Files.writeString(library, "ELF ... LAPACKE_dsyev_work ...");
        assertEquals("yes", hasLapacke(library, dir));
        Path[] markers;
        try (var listed = java.nio.file.Files.list(dir.resolve("cache/gen4j/lapacke-checks"))) {
            markers = listed.toArray(Path[]::new);
        }
        assertEquals(1, markers.length);
        assertTrue(markers[0].toString().endsWith(".yes"), markers[0].toString());
        // the cached answer is what counts: a marker saying otherwise is believed
        java.nio.file.Files.move(markers[0], Path.of(markers[0].toString().replace(".yes", ".no")));
        assertEquals("no", hasLapacke(library, dir));
        java.nio.file.Files.writeString(library, "ELF ... without the symbol, another size ...");
        assertEquals("no", hasLapacke(library, dir));
        java.nio.file.Files.writeString(library, "ELF .. LAPACKE_dsyev_work .. a third size, longer than both others ..");
        assertEquals("yes", hasLapacke(library, dir));
    }

    private static String hasLapacke(Path library, Path dir) throws IOException, InterruptedException {
        String script = ". src/main/sh/native-env.sh && if gen4j_has_lapacke \"$0\"; then echo yes; else echo no; fi";
        ProcessBuilder check = new ProcessBuilder(List.of("bash", "-c", script, library.toString())).redirectErrorStream(true);
        check.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        check.environment().put("GEN4J_SYSTEM_OPENBLAS", dir.resolve("none").toString());
        Process process = check.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), output);          // its output has ended: waits for the exit, not for a time
        return output;
    }
}
