package org.gen4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data FILE.csv}, declared once for the commands that learn a Bayesian network from cases. */
final class CasesData {
    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "Header = variable names, cells = state names, one row per case.")
    private Path path;

    Path path() {
        return path;
    }
}
