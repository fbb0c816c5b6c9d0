package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Continuous tabular data: a feature matrix {@code [n, d]} with its column names, where it came from, and
 * optionally one label per row (a class column kept aside, e.g. iris species or the digit).
 *
 * <pre>{@code
 * Table faithful = Datasets.load("faithful");
 * Table.Split split = faithful.split(0.8, 42);
 * INDArray x = split.train().features();        // [217, 2]
 * }</pre>
 */
public final class Table {
    private final INDArray features;
    private final List<String> columns;
    private final String[] labels;
    private final String source;

    /**
     * @param features {@code [n, d]}
     * @param columns  d names
     * @param labels   n labels, or {@code null}
     * @param source   where the data came from, for provenance and messages
     */
    public Table(INDArray features, List<String> columns, String[] labels, String source) {
        if (features.rank() != 2) {
            throw new Gen4jException("a table needs a 2-D feature matrix [n, d], got shape " + Arrays.toString(features.shape()));
        }
        if (features.columns() != columns.size()) {
            throw new Gen4jException("a table with " + features.columns() + " columns needs as many names, got " + columns);
        }
        if (labels != null && labels.length != features.rows()) {
            throw new Gen4jException(labels.length + " labels for " + features.rows() + " rows");
        }
        this.features = features;
        this.columns = List.copyOf(columns);
        this.labels = labels;
        this.source = source;
    }

    /** @return {@code [n, d]} */
    public INDArray features() {
        return features;
    }

    /** The features in the given data type, e.g. {@code DataType.FLOAT} for single-precision fitting. */
    public INDArray features(DataType type) {
        return features.dataType() == type ? features : features.castTo(type);
    }

    public List<String> columns() {
        return columns;
    }

    public Optional<String[]> labels() {
        return Optional.ofNullable(labels);
    }

    public String source() {
        return source;
    }

    public int rows() {
        return (int) features.rows();
    }

    public int dimensions() {
        return (int) features.columns();
    }

    /** A one-line description for provenance: source, rows and columns. */
    public String describe() {
        return source + " (" + rows() + " rows; columns " + String.join(", ", columns) + ")";
    }

    /** The rows at the given indices, in that order. */
    public Table rows(int[] indices) {
        String[] picked = null;
        if (labels != null) {
            picked = new String[indices.length];
            for (int i = 0; i < indices.length; i++) {
                picked[i] = labels[indices[i]];
            }
        }
        return new Table(features.getRows(indices), columns, picked, source);
    }

    /** Only the named columns, in the given order. */
    public Table select(List<String> names) {
        int[] indices = new int[names.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = columns.indexOf(names.get(i));
            if (indices[i] < 0) {
                throw new Gen4jException("no column '" + names.get(i) + "' in " + source + " (columns: " + columns + ")");
            }
        }
        return new Table(features.getColumns(indices), names, labels, source);
    }

    /**
     * A shuffled train/test split.
     *
     * @param trainFraction share of rows for training, in (0, 1)
     * @param seed          the same seed gives the same split
     */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new Gen4jException("train fraction must be in (0, 1), got " + trainFraction);
        }
        int n = rows();
        int trainRows = (int) Math.round(trainFraction * n);
        if (trainRows == 0 || trainRows == n) {
            throw new Gen4jException("a split of " + n + " rows at " + trainFraction + " leaves one side empty");
        }
        int[] order = permutation(n, seed);
        return new Split(rows(Arrays.copyOfRange(order, 0, trainRows)), rows(Arrays.copyOfRange(order, trainRows, n)));
    }

    static int[] permutation(int n, long seed) {
        return Shuffle.permutation(n, new Random(seed));
    }

    /** The index of a named column. */
    public int columnIndex(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new Gen4jException("no column '" + name + "' in " + source + " (columns: " + columns + ")");
        }
        return index;
    }

    public record Split(Table train, Table test) {
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>(columns.subList(0, Math.min(columns.size(), 8)));
        if (columns.size() > 8) {
            shown.add("...");
        }
        return "Table(" + source + ": " + rows() + " x " + dimensions() + ", columns " + shown
                + (labels != null ? ", labelled" : "") + ")";
    }
}
