package org.gen4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --out MODEL}, declared once for every {@code fit} command that saves a gen4j model file. */
final class ModelOutput {
    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to save the model.")
    private Path path;

    Path path() {
        return path;
    }
}
