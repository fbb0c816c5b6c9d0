package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.CsvTableReader;
import org.gen4j.data.Datasets;
import org.gen4j.data.SequenceBatch;
import org.gen4j.data.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The {@code --data / --columns / --sequence-column} rule of the sequence commands. */
final class SequenceInput {
    private SequenceInput() {
    }

    /**
     * Without a sequence column the whole file (or bundled data set) is one sequence in row order; with one, rows
     * are grouped by its value and must be contiguous per sequence.
     */
    static SequenceBatch load(String data, List<String> columns, String sequenceColumn) {
        if (sequenceColumn == null) {
            Table table = Datasets.load(data, columns == null || columns.isEmpty() ? null : columns);
            String[] ids = new String[table.rows()];
            Arrays.fill(ids, "0");
            return SequenceBatch.fromTable(table, ids);
        }
        Path path = Path.of(data);
        if (!Files.exists(path)) {
            throw new Gen4jException("no data file at " + data + " (--sequence-column needs a CSV file)");
        }
        Table table = new CsvTableReader().columns(columns).labelColumn(sequenceColumn).read(path);
        return SequenceBatch.fromTable(table, table.labels().orElseThrow());
    }
}
