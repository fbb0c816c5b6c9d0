package org.gen4j.core;

import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The gen4j side of every benchmark in {@code benchmarks/} is a Java source file run by the benchmark scripts; a
 * renamed class would otherwise only show when someone next runs a benchmark.
 */
class BenchmarkSourcesTest {

    @Test
    void everyBenchmarkCompilesAgainstTheCurrentApi(@org.junit.jupiter.api.io.TempDir Path classes) throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of("benchmarks"))) {
            sources = files.filter(f -> f.getFileName().toString().startsWith("Gen4j") && f.toString().endsWith(".java"))
                    .map(Path::toString).sorted().toList();
        }
        assertFalse(sources.isEmpty(), "no benchmark sources found under benchmarks/");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK");
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        arguments.addAll(sources);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, arguments.toArray(new String[0]));
        assertEquals(0, status, "benchmark sources do not compile:\n" + errors);
    }
}
