package org.gen4j.cli;

import picocli.CommandLine.Option;

/** {@code --data FILE|NAME}, declared once for the commands that read a table of a saved model's inputs. */
final class TableData {
    @Option(names = "--data", required = true, paramLabel = "FILE|NAME", description = "CSV file or bundled data set name.")
    private String source;

    String source() {
        return source;
    }
}
