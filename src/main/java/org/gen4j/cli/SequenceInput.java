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

/**
 * The {@code --data / --columns / --sequence-column} rule of the sequence commands. Empty, NA, ? and NaN cells are
 * missing values: Gaussian, categorical and Poisson emissions learn and score without them.
 */
final class SequenceInput {
    private SequenceInput() {
    }

    /**
     * Without a sequence column the whole file (or bundled data set) is one sequence in row order; with one, rows
     * are grouped by its value and must be contiguous per sequence.
     */
    /** Sequences and, with {@code --weight-column}, each one's weight (the column must be constant within a sequence). */
    record Weighted(SequenceBatch batch, double[] weights) {
    }

    static Weighted load(String data, List<String> columns, String sequenceColumn, String weightColumn) {
        if (weightColumn == null) {
            return new Weighted(load(data, columns, sequenceColumn), null);
        }
        if (columns != null && columns.contains(weightColumn)) {
            throw new Gen4jException("'" + weightColumn + "' is the weight column: it cannot be a feature too");
        }
        Table table;
        String[] ids;
        if (sequenceColumn == null) {
            table = Datasets.load(data, null, true);
            ids = new String[table.rows()];
            Arrays.fill(ids, "0");
        } else {
            Path path = Path.of(data);
            if (!Files.exists(path)) {
                throw new Gen4jException("no data file at " + data + " (--sequence-column needs a CSV file)");
            }
            table = new CsvTableReader().allowMissing().labelColumn(sequenceColumn).read(path);
            ids = table.labels().orElseThrow();
        }
        double[] rowWeights = table.features().getColumn(table.columnIndex(weightColumn)).toDoubleVector();
        List<String> features = columns != null && !columns.isEmpty() ? columns : new java.util.ArrayList<>(table.columns());
        features.remove(weightColumn);
        SequenceBatch batch = SequenceBatch.fromTable(table.select(features), ids);
        // sequences come in the order they first appear, as fromTable groups them
        double[] weights = new double[batch.size()];
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int r = 0; r < ids.length; r++) {
            Integer s = index.get(ids[r]);
            if (s == null) {
                index.put(ids[r], s = index.size());
                weights[s] = rowWeights[r];
            } else if (rowWeights[r] != weights[s]) {
                throw new Gen4jException("sequence '" + ids[r] + "' has the weights " + weights[s] + " and " + rowWeights[r]
                        + " (row " + r + "): a weight belongs to a whole sequence");
            }
        }
        return new Weighted(batch, weights);
    }

    static SequenceBatch load(String data, List<String> columns, String sequenceColumn) {
        if (sequenceColumn == null) {
            Table table = Datasets.load(data, columns == null || columns.isEmpty() ? null : columns, true);
            String[] ids = new String[table.rows()];
            Arrays.fill(ids, "0");
            return SequenceBatch.fromTable(table, ids);
        }
        Path path = Path.of(data);
        if (!Files.exists(path)) {
            throw new Gen4jException("no data file at " + data + " (--sequence-column needs a CSV file)");
        }
        Table table = new CsvTableReader().allowMissing().columns(columns).labelColumn(sequenceColumn).read(path);
        return SequenceBatch.fromTable(table, table.labels().orElseThrow());
    }
}
