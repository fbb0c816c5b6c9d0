package org.gen4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --out FILE.csv}, declared once for the commands that write one CSV row per input row (or print them). */
final class RowsOutput {
    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write here instead of standard output.")
    private Path path;

    /** The file to write, or null for standard output. */
    Path path() {
        return path;
    }
}
