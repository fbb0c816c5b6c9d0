package org.gen4j.notebook;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Expands a class-path entry as a shell would: {@code lib/*.jar} is every jar in lib, sorted; a plain path is itself. */
final class Globs {
    private Globs() {
    }

    static List<Path> expand(String entry) throws IOException {
        Path path = Path.of(entry.strip());
        if (!entry.contains("*") && !entry.contains("?")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Path folder = path.getParent() == null ? Path.of(".") : path.getParent();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path.getFileName());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> matcher.matches(f.getFileName())).sorted().toList();
        }
    }
}
