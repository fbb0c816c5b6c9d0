package org.gen4j.cli;

import org.gen4j.core.AtomicFiles;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Writes result tables as CSV, to a file (atomically) or to standard output. */
final class CsvOutput {
    private CsvOutput() {
    }

    /** Writes rows produced by {@code body}; {@code null} path means the given terminal writer. */
    static void write(Path path, PrintWriter terminal, List<String> header, RowWriter body) {
        if (path == null) {
            terminal.println(String.join(",", header));
            body.writeRows(terminal);
            terminal.flush();
            return;
        }
        AtomicFiles.write(path, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            PrintWriter printer = new PrintWriter(writer);
            printer.println(String.join(",", header));
            body.writeRows(printer);
            printer.flush();
        });
    }

    @FunctionalInterface
    interface RowWriter {
        void writeRows(PrintWriter out);
    }

    /** Shortest text that reads back as the same double. */
    static String number(double value) {
        return Double.toString(value);
    }
}
