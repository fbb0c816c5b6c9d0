package org.gen4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's class-data archive (src/main/sh/class-archive.sh): made once and then mapped, with nothing more on
 * stderr than the one line saying it is being made; a damaged archive that aborts a JVM is removed. Class-data
 * archives take jars only, so gen4j's classes are put in a jar beside the test's dependency jars.
 */
class LauncherClassArchiveTest {
    @TempDir
    Path dir;

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /** Sources the launcher's scripts with this test's jars, then runs {@code script}. */
    private Result bash(String classPath, String script) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String prelude = ". src/main/sh/native-env.sh && . src/main/sh/class-archive.sh && PATH=\"$(dirname \"$0\"):$PATH\""
                + " && gen4j_cache=\"$1\" && cp=\"$2\" && ";
        Process process = new ProcessBuilder("bash", "-c", prelude + script, java, dir.resolve("cache").toString(), classPath).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        process.waitFor();                                        // the streams above end when it does
        return new Result(process.exitValue(), out, err.join());
    }

    @Test
    void anArchiveIsMadeOnceMappedQuietlyAndRemovedWhenAJvmAborts() throws Exception {
        String classPath = jarsOnly();
        Result first = bash(classPath, "gen4j_class_archive \"$cp\" $GEN4J_SIMD_OPTS && echo \"$GEN4J_CDS_ARCHIVE\"");
        assertEquals(0, first.exitCode(), first.stderr());
        Path archive = Path.of(first.stdout().strip());
        assertTrue(Files.size(archive) > 1_000_000, "an archive of the common commands' classes: " + archive);
        assertEquals("gen4j: preparing a class-data archive for a fast start (once per build, a few seconds)...", first.stderr().strip());

        Result mapped = bash(classPath, "gen4j_class_archive \"$cp\" $GEN4J_SIMD_OPTS && java $GEN4J_SIMD_OPTS $GEN4J_CDS_OPTS"
                + " -Xlog:class+load=info -cp \"$cp\" org.gen4j.cli.Gen4j info | grep -c 'shared objects file'");
        assertEquals("", mapped.stderr().replace("WARNING: Using incubator modules: jdk.incubator.vector", "").strip(),
                "made once: no second note, no CDS warning");
        assertTrue(Integer.parseInt(mapped.stdout().strip()) > 1000, "classes come from the archive: " + mapped.stdout());

        byte[] whole = Files.readAllBytes(archive);
        Files.setPosixFilePermissions(archive, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(archive, java.util.Arrays.copyOf(whole, 100_000));          // cut short, as a full disk would
        Result aborted = bash(classPath, "gen4j_class_archive \"$cp\" $GEN4J_SIMD_OPTS; status=0;"
                + " java $GEN4J_SIMD_OPTS $GEN4J_CDS_OPTS -XX:ErrorFile=\"$1/hs_err_%p.log\" -cp \"$cp\" org.gen4j.cli.Gen4j info"
                + " >/dev/null 2>&1 || status=$?; gen4j_after_java $status; echo $status");
        assertEquals("134", aborted.stdout().strip(), "a cut-short archive aborts the JVM: " + aborted.stderr());
        assertTrue(aborted.stderr().contains("the class-data archive is removed"), aborted.stderr());
        assertFalse(Files.exists(archive), "the damaged archive is gone; the next run makes it anew");
    }

    /** gen4j's classes in a jar, and the test's dependency jars: a class path of jars only. */
    private String jarsOnly() throws IOException {
        Path classes = Path.of("target/classes");
        Path jar = dir.resolve("gen4j-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && !entry.contains("spark") && !entry.contains("scala")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
