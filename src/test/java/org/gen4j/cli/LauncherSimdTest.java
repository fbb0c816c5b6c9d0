package org.gen4j.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher starts java with the vector module (src/main/sh/native-env.sh) and keeps the JVM's incubator
 * warning off the user's terminal, without changing exit codes or losing anything else java writes.
 */
class LauncherSimdTest {

    @Test
    void badInputStillEndsInOneLineOnStderrAndExitCodeTwo() throws Exception {
        Result result = runUnderLauncher("fit", "gmm", "--data", "no-such-data", "--components", "2", "--out", "unused.gmm");
        assertEquals(2, result.exitCode, result.stderr);
        assertEquals(1, result.stderr.lines().count(), result.stderr);
        assertTrue(result.stderr.startsWith("gen4j: no data file at no-such-data"), result.stderr);
    }

    @Test
    void infoReportsTheSimdKernelsAndNoIncubatorWarning() throws Exception {
        Result result = runUnderLauncher("info");
        assertEquals(0, result.exitCode, result.stderr);
        assertEquals("", result.stderr);
        assertTrue(result.stdout.contains("simd         jdk.incubator.vector") || !cpuHasWideVectors(), result.stdout);
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result runUnderLauncher(String... arguments) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the launcher's last line, with the test's class path in place of the jar
        String script = ". src/main/sh/native-env.sh && PATH=\"$(dirname \"$0\"):$PATH\" && cp=\"$1\" && shift"
                + " && gen4j_run_java $GEN4J_SIMD_OPTS -cp \"$cp\" org.gen4j.cli.Gen4j \"$@\"";
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", script, java, System.getProperty("java.class.path")));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String stdout = readAll(process.getInputStream());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
        return new Result(process.exitValue(), stdout, stderr.join());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean cpuHasWideVectors() throws IOException {
        String cpu = java.nio.file.Files.readString(Path.of("/proc/cpuinfo"));
        return cpu.contains(" avx2") || cpu.contains(" avx512f");
    }
}
