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
}
