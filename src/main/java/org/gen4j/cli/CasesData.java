package org.gen4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data FILE.csv}, declared once for the commands that learn a Bayesian network from cases. */
final class CasesData {
    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "Header = variable names, cells = state names, one row per case.")
    private String source;

    /** The file on this machine. */
    Path path() {
        return Path.of(source);
    }

    /** As given: with --spark, a Hadoop URI (hdfs://...) that a {@link Path} would mangle. */
    String source() {
        return source;
    }
}
