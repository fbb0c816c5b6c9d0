package org.gen4j.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data FILE.csv}, declared once for the commands that learn a Bayesian network from cases. */
final class CasesData {
    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "Header = variable names, cells = state names, one row per case.")
    private String source;

    @Option(names = "--weight-column", paramLabel = "NAME",
            description = "A numeric column giving each row's weight (how many cases it stands for) instead of a variable.")
    private String weightColumn;

    /** The file on this machine. */
    Path path() {
        return Path.of(source);
    }

    /** The rows, with their weights when --weight-column names one. */
    org.gen4j.data.DiscreteTable read(java.util.List<org.gen4j.data.DiscreteVariable> schema) {
        return org.gen4j.data.DiscreteTable.readCsv(path(), schema, weightColumn);
    }

    /** The weight column's name, or null for unweighted rows. */
    String weightColumn() {
        return weightColumn;
    }

    /** As given: with --spark, a Hadoop URI (hdfs://...) that a {@link Path} would mangle. */
    String source() {
        return source;
    }
}
