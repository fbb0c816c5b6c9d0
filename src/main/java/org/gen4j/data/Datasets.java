package org.gen4j.data;

import org.gen4j.core.Gen4jException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The real data sets shipped inside gen4j (see {@code datasets/} and its data cards), and the rule that turns a
 * user's {@code --data} argument into a table: a bundled name, or a path to a CSV file.
 *
 * <pre>{@code
 * Table faithful = Datasets.load("faithful");   // 272 x 2: eruptions, waiting
 * Table iris = Datasets.load("iris");           // 150 x 4, labelled by species
 * }</pre>
 */
public final class Datasets {

    /** A bundled data set: its file, its default feature columns and its label column. */
    public enum Bundled {
        FAITHFUL("faithful.csv", null, null),
        IRIS("iris.csv", "Species", null),
        EUSTOCKMARKETS("eustockmarkets.csv", null, List.of("DAX", "SMI", "CAC", "FTSE")),
        EUSTOCK_RETURNS("eustock-returns.csv", null, List.of("DAX", "SMI", "CAC", "FTSE")),
        DIGITS("digits.csv.gz", "label", null);

        final String file;
        final String labelColumn;
        final List<String> defaultColumns;

        Bundled(String file, String labelColumn, List<String> defaultColumns) {
            this.file = file;
            this.labelColumn = labelColumn;
            this.defaultColumns = defaultColumns;
        }

        public String dataName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private Datasets() {
    }

    /** The names of the bundled data sets. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Bundled b : Bundled.values()) {
            names.add(b.dataName());
        }
        return names;
    }

    public static Table load(String name) {
        return load(name, null);
    }

    /**
     * Loads a bundled data set by name, or a CSV file by path.
     *
     * @param nameOrPath a bundled name ({@link #names()}) or a file path
     * @param columns    the feature columns to keep, or {@code null} for the data set's default
     */
    public static Table load(String nameOrPath, List<String> columns) {
        return load(nameOrPath, columns, false);
    }

    /** As {@link #load(String, List)}; with {@code missingAllowed}, empty or NA cells of a file are NaN. */
    public static Table load(String nameOrPath, List<String> columns, boolean missingAllowed) {
        Bundled bundled = bundled(nameOrPath);
        if (bundled == null) {
            Path path = Path.of(nameOrPath);
            if (!Files.exists(path)) {
                throw new Gen4jException("no data file at " + nameOrPath + " and no bundled data set of that name (bundled: "
                        + String.join(", ", names()) + ")");
            }
            CsvTableReader reader = new CsvTableReader().columns(columns);
            return (missingAllowed ? reader.allowMissing() : reader).read(path);
        }
        CsvTableReader reader = new CsvTableReader()
                .columns(columns != null ? columns : bundled.defaultColumns)
                .labelColumn(bundled.labelColumn);
        if (bundled == Bundled.DIGITS) {
            reader.headerless(digitColumns());
        }
        String resource = "/org/gen4j/datasets/" + bundled.file;
        try (InputStream raw = Datasets.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("bundled data set missing from the gen4j jar: " + resource);
            }
            return reader.read(CsvTableReader.open(raw, bundled.file), bundled.dataName());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled data set " + resource, e);
        }
    }

    private static Bundled bundled(String name) {
        for (Bundled b : Bundled.values()) {
            if (b.dataName().equals(name)) {
                return b;
            }
        }
        return null;
    }

    /** Column names of the 8x8 digits: pixel r,c as {@code p<r><c>}, then the label. */
    private static List<String> digitColumns() {
        List<String> names = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                names.add("p" + r + c);
            }
        }
        names.add("label");
        return names;
    }
}
