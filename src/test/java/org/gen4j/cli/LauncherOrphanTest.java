package org.gen4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of the launcher takes its JVM with it: a JVM left training on its own once ran beside the run that
 * was later resumed in the same folder.
 */
class LauncherOrphanTest {
    @TempDir
    Path dir;

    @Test
    void theJvmDoesNotOutliveAKilledLauncher() throws Exception {
        Path recipe = Files.writeString(dir.resolve("long.yaml"), """
                name: long-gmm
                model: {family: gmm, components: 8, covariance: full, init: random, nInit: 1}
                data: {source: eustock-returns}
                training: {maxIter: 100000, tol: 0, seed: 3, checkpointEvery: 100000}
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = ". src/main/sh/native-env.sh && PATH=\"$(dirname \"$0\"):$PATH\" && cp=\"$1\" && shift"
                + " && gen4j_run_java $GEN4J_SIMD_OPTS -cp \"$cp\" org.gen4j.cli.Gen4j \"$@\"";
        Process launcher = new ProcessBuilder(List.of("bash", "-c", script, java, System.getProperty("java.class.path"),
                "train", recipe.toString(), "--set", "output=" + dir.resolve("out"))).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.contains("iteration")) {
            // the JVM is up and training once it reports an iteration
        }
        assertTrue(line != null, "the run started");
        List<ProcessHandle> jvms = launcher.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).toList();
        assertFalse(jvms.isEmpty(), "the launcher runs a JVM");
        new ProcessBuilder("kill", "-KILL", String.valueOf(launcher.pid())).start().waitFor();
        for (ProcessHandle jvm : jvms) {
            // an event, not a time: the guard against a hang is only there so a regression fails instead of stalling
            jvm.onExit().get(10, TimeUnit.MINUTES);
            assertFalse(jvm.isAlive(), "the JVM ended with its launcher");
        }
    }
}
