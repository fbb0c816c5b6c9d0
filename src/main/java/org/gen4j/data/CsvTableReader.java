package org.gen4j.data;

import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;
import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a numeric CSV file (optionally gzip-compressed) into a {@link Table} through DataVec's
 * {@link CSVRecordReader}. A first line that is not all numbers is taken as the header.
 *
 * <pre>{@code
 * Table t = new CsvTableReader().columns(List.of("eruptions", "waiting")).read(Path.of("faithful.csv"));
 * }</pre>
 *
 * Every cell must be a finite number: an empty cell, text, NaN or infinity, or a row with the wrong number of
 * cells is an error naming the row and column.
 */
public final class CsvTableReader {
    private List<String> columns;
    private String labelColumn;
    private char delimiter = ',';
    private List<String> headerless;
    private boolean missingAllowed;

    /** Keep only these columns, in this order (default: all but the label column). */
    public CsvTableReader columns(List<String> names) {
        this.columns = names == null || names.isEmpty() ? null : List.copyOf(names);
        return this;
    }

    /** Keep this column aside as row labels (text allowed) instead of a feature. */
    public CsvTableReader labelColumn(String name) {
        this.labelColumn = name;
        return this;
    }

    public CsvTableReader delimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    /** Read an empty cell, {@code NA}, {@code ?} or {@code NaN} as a missing value (NaN) instead of refusing it. */
    public CsvTableReader allowMissing() {
        this.missingAllowed = true;
        return this;
    }

    /** Names for the columns of a file that has no header line. */
    public CsvTableReader headerless(List<String> names) {
        this.headerless = List.copyOf(names);
        return this;
    }

    public Table read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new Gen4jException("no data file at " + path);
        }
        try (InputStream in = open(Files.newInputStream(path), path.toString())) {
            return read(in, path.toString());
        } catch (IOException e) {
            throw new Gen4jException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    static InputStream open(InputStream raw, String name) throws IOException {
        InputStream buffered = new BufferedInputStream(raw);
        return name.endsWith(".gz") ? new GZIPInputStream(buffered) : buffered;
    }

    /** Reads from a stream; {@code source} names it in messages. */
    public Table read(InputStream in, String source) {
        List<List<Writable>> records = readRecords(in, source);
        if (records.isEmpty()) {
            throw new Gen4jException(source + " is empty");
        }
        List<String> header;
        int firstDataRecord;
        if (headerless != null) {
            header = headerless;
            firstDataRecord = 0;
        } else if (isHeader(records.get(0))) {
            header = new ArrayList<>();
            for (Writable cell : records.get(0)) {
                header.add(unquote(cell.toString()));
            }
            firstDataRecord = 1;
        } else {
            header = new ArrayList<>();
            for (int j = 0; j < records.get(0).size(); j++) {
                header.add("x" + j);
            }
            firstDataRecord = 0;
        }
        int rows = records.size() - firstDataRecord;
        if (rows == 0) {
            throw new Gen4jException(source + " has a header but no data rows");
        }
        int labelIndex = labelColumn == null ? -1 : indexOf(header, labelColumn, source);
        int[] featureIndices = featureIndices(header, labelIndex, source);
        double[][] values = new double[rows][featureIndices.length];
        String[] labels = labelIndex < 0 ? null : new String[rows];
        for (int r = 0; r < rows; r++) {
            List<Writable> record = records.get(r + firstDataRecord);
            int line = r + firstDataRecord + 1;
            if (record.size() != header.size()) {
                throw new Gen4jException(source + ": line " + line + " has " + record.size()
                        + " cells, expected " + header.size() + " (" + String.join(",", header) + ")");
            }
            for (int j = 0; j < featureIndices.length; j++) {
                values[r][j] = number(record.get(featureIndices[j]).toString(), source, r, line, header.get(featureIndices[j]), missingAllowed);
            }
            if (labels != null) {
                labels[r] = unquote(record.get(labelIndex).toString());
            }
        }
        List<String> names = new ArrayList<>();
        for (int index : featureIndices) {
            names.add(header.get(index));
        }
        return new Table(Nd4j.create(values).castTo(DataType.DOUBLE), names, labels, source);
    }

    private List<List<Writable>> readRecords(InputStream in, String source) {
        CSVRecordReader reader = new CSVRecordReader(0, delimiter);
        List<List<Writable>> records = new ArrayList<>();
        try {
            reader.initialize(new InputStreamInputSplit(in));
            while (reader.hasNext()) {
                records.add(reader.next());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new Gen4jException("cannot parse " + source + " as CSV after " + records.size() + " lines: " + e.getMessage(), e);
        }
        return records;
    }

    private int[] featureIndices(List<String> header, int labelIndex, String source) {
        if (columns != null) {
            int[] indices = new int[columns.size()];
            for (int j = 0; j < indices.length; j++) {
                indices[j] = indexOf(header, columns.get(j), source);
            }
            return indices;
        }
        int[] indices = new int[labelIndex < 0 ? header.size() : header.size() - 1];
        int next = 0;
        for (int j = 0; j < header.size(); j++) {
            if (j != labelIndex) {
                indices[next++] = j;
            }
        }
        return indices;
    }

    private static int indexOf(List<String> header, String name, String source) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new Gen4jException("no column '" + name + "' in " + source + " (columns: " + String.join(", ", header) + ")");
        }
        return index;
    }

    private static double number(String text, String source, int row, int line, String column, boolean missingAllowed) {
        String cell = unquote(text).trim();
        if (missingAllowed && (cell.isEmpty() || cell.equals("NA") || cell.equals("?") || cell.equals("NaN"))) {
            return Double.NaN;
        }
        if (cell.isEmpty()) {
            throw new Gen4jException(source + ": missing value at row " + row + " (line " + line + "), column '" + column + "'"
                    + " (Gaussian mixtures learn from rows with gaps; other models need every value)");
        }
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new Gen4jException(source + ": non-numeric value '" + cell + "' at row " + row + " (line " + line
                    + "), column '" + column + "'; choose numeric columns with --columns");
        }
        if (!Double.isFinite(value)) {
            throw new Gen4jException(source + ": " + cell + " at row " + row + " (line " + line + "), column '" + column + "'");
        }
        return value;
    }

    private static boolean isHeader(List<Writable> record) {
        for (Writable cell : record) {
            try {
                Double.parseDouble(unquote(cell.toString()).trim());
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String text) {
        String t = text.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
