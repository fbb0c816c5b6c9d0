package org.gen4j.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every main package explains itself (package-info.java) and has its row in the README's layout table, and no row names a package that is gone. */
class LayoutDocumentedTest {
    private static final Path SOURCES = Path.of("src/main/java/org/gen4j");

    @Test
    void everyPackageHasAnOrientationAndATopLevelRow() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<Path> packages;
        try (Stream<Path> tree = Files.walk(SOURCES)) {
            packages = tree.filter(Files::isDirectory).filter(p -> !p.equals(SOURCES)).toList();
        }
        for (Path p : packages) {
            assertTrue(Files.isRegularFile(p.resolve("package-info.java")), p + " has no package-info.java");
            if (p.getParent().equals(SOURCES)) {
                assertTrue(readme.contains("| `src/main/java/org/gen4j/" + p.getFileName() + "` |"), p + " has no row in README's layout");
            }
        }
        long rows = readme.lines().filter(l -> l.startsWith("| `src/main/java/org/gen4j/")).count();
        assertEquals(packages.stream().filter(p -> p.getParent().equals(SOURCES)).count(), rows, "README layout rows");
    }
}
