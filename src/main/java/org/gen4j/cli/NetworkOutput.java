package org.gen4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --out NET}, declared once for the commands that write a Bayesian network. */
final class NetworkOutput {
    @Option(names = "--out", required = true, paramLabel = "NET",
            description = "Where to write the network: .bif for BIF, anything else for a gen4j model file.")
    private Path path;

    Path path() {
        return path;
    }
}
