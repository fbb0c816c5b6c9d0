package org.gen4j.data;

import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;
import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Rows of discrete values: state codes {@code [n, v]} (stored as whole numbers in a float64 array, so that they
 * enter matrix products directly) with the schema of the v variables. NaN marks a missing value (in CSV files: an
 * empty cell, {@code ?}, {@code NA} or {@code NaN}); only estimators that handle them accept such tables.
 *
 * <p>Rows may carry weights (how many cases each stands for, any non-negative number): every count an estimator
 * takes adds a row's weight instead of one, so a weight of 2 equals the row written twice.
 *
 * <pre>{@code
 * DiscreteTable rows = DiscreteTable.readCsv(Path.of("asia.csv"), network.variables());  // names -> codes
 * INDArray codes = rows.codes();                                                     // [n, v]
 * DiscreteTable weighted = rows.withWeights(surveyWeights);                            // [n]
 * }</pre>
 */
public final class DiscreteTable {
    private final INDArray codes;
    /** Found while the codes are checked (a Java scan: fitting picks the EM path on it, see stats.MissingValues). */
    private final boolean missing;
    private final List<DiscreteVariable> variables;
    private final double[] weights;      // [n], or null: every row counts once

    /**
     * @param codes     {@code [n, v]} whole numbers, column j in 0..cardinality(j)-1
     * @param variables the v columns
     */
    public DiscreteTable(INDArray codes, List<DiscreteVariable> variables) {
        this(codes, variables, null);
    }

    /**
     * @param weights {@code [n]} what each row counts for (finite, not negative), or null for one each
     */
    public DiscreteTable(INDArray codes, List<DiscreteVariable> variables, double[] weights) {
        if (codes.rank() != 2 || codes.columns() != variables.size()) {
            throw new Gen4jException("codes must have shape [n, " + variables.size() + "], got "
                    + java.util.Arrays.toString(codes.shape()));
        }
        int v = variables.size();
        double[] flat = codes.castTo(DataType.DOUBLE).dup('c').data().asDouble();   // bulk copy: toDoubleMatrix is per row
        boolean anyMissing = false;
        for (int r = 0; r < flat.length / Math.max(v, 1); r++) {
            for (int j = 0; j < v; j++) {
                double c = flat[r * v + j];
                if (Double.isNaN(c)) {
                    anyMissing = true;                          // a missing value
                    continue;
                }
                if (!(c >= 0 && c < variables.get(j).cardinality()) || c != Math.rint(c)) {
                    throw new Gen4jException("row " + r + ": code " + c + " is not a state of '" + variables.get(j).name()
                            + "' (0.." + (variables.get(j).cardinality() - 1) + ")");
                }
            }
        }
        this.codes = codes.castTo(DataType.DOUBLE);
        this.missing = anyMissing;
        this.variables = List.copyOf(variables);
        this.weights = weights == null ? null : Weights.checked(weights, rows(), "row");
    }

    /** The same rows, each counting for its weight. */
    public DiscreteTable withWeights(double[] weights) {
        return new DiscreteTable(codes, variables, weights);
    }

    /** Whether the rows carry weights (otherwise each counts once). */
    public boolean weighted() {
        return weights != null;
    }

    /** What row r counts for. */
    public double weight(int r) {
        return weights == null ? 1.0 : weights[r];
    }

    /** The rows' weights added up (the number of rows when unweighted): the sample size scores penalise by. */
    public double totalWeight() {
        if (weights == null) {
            return rows();
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        return total;
    }

    /** @return {@code [n, v]} */
    public INDArray codes() {
        return codes;
    }

    private INDArray columns;
    private int[][] columnCodes;

    /** Whether any value is missing. */
    public boolean hasMissing() {
        return missing;
    }

    /** Rejects a table with missing values, naming the first one and what to use instead. */
    public void requireComplete(String what) {
        if (!hasMissing()) {
            return;
        }
        double[] flat = codes.dup('c').data().asDouble();
        int v = variables.size();
        for (int i = 0; i < flat.length; i++) {
            if (Double.isNaN(flat[i])) {
                throw new Gen4jException(what + " needs complete rows, but row " + (i / v) + " has no value for '"
                        + variables.get(i % v).name() + "' (learn with expectation-maximisation instead)");
            }
        }
    }

    /** The codes of column j as plain integers (cached; -1 where missing), for counting. */
    public synchronized int[] columnCodes(int j) {
        if (columnCodes == null) {
            int v = variables.size();
            int n = rows();
            double[] flat = codes.dup('c').data().asDouble();
            columnCodes = new int[v][n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < v; c++) {
                    double code = flat[r * v + c];
                    columnCodes[c][r] = Double.isNaN(code) ? -1 : (int) code;
                }
            }
        }
        return columnCodes[j];
    }

    /** Column j of the codes as a contiguous {@code [n]} array (counting reads columns, not rows). */
    public synchronized INDArray column(int j) {
        if (columns == null) {
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                columns = codes.dup('f');
            }
        }
        return columns.getColumn(j);
    }

    public List<DiscreteVariable> variables() {
        return variables;
    }

    public int rows() {
        return (int) codes.rows();
    }

    public int columnOf(String name) {
        for (int j = 0; j < variables.size(); j++) {
            if (variables.get(j).name().equals(name)) {
                return j;
            }
        }
        throw new Gen4jException("no variable '" + name + "' in the table (variables: " + names(variables) + ")");
    }

    /** Only the given variables' columns (matched by name), e.g. to hide a variable. */
    public DiscreteTable select(List<DiscreteVariable> keep) {
        int[] columns = keep.stream().mapToInt(v -> columnOf(v.name())).toArray();
        return new DiscreteTable(codes.getColumns(columns), keep, weights);
    }

    /** The same rows with the columns in the order of {@code order} (matched by name). */
    public DiscreteTable reordered(List<DiscreteVariable> order) {
        int[] columns = new int[order.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = columnOf(order.get(j).name());
            if (!variables.get(columns[j]).states().equals(order.get(j).states())) {
                throw new Gen4jException("variable '" + order.get(j).name() + "' has states " + variables.get(columns[j]).states()
                        + " in the data but " + order.get(j).states() + " in the model");
            }
        }
        return new DiscreteTable(codes.getColumns(columns), order, weights);
    }

    /**
     * Reads a CSV file whose header names the variables and whose cells are state names.
     *
     * @param schema the variables and their states; an unknown variable or state is an error naming row and
     *               column. {@code null} infers each column's states from the data, sorted.
     */
    public static DiscreteTable readCsv(Path path, List<DiscreteVariable> schema) {
        return readCsv(path, schema, null);
    }

    /**
     * As {@link #readCsv(Path, List)}, with one numeric column giving each row's weight instead of a variable.
     *
     * @param weightColumn the header name of the weights, or null for unweighted rows
     */
    public static DiscreteTable readCsv(Path path, List<DiscreteVariable> schema, String weightColumn) {
        if (!Files.isRegularFile(path)) {
            throw new Gen4jException("no data file at " + path);
        }
        List<List<String>> records = new ArrayList<>();
        try (InputStream in = CsvTableReader.open(Files.newInputStream(path), path.toString())) {
            CSVRecordReader reader = new CSVRecordReader(0, ',');
            reader.initialize(new InputStreamInputSplit(in));
            while (reader.hasNext()) {
                List<String> cells = new ArrayList<>();
                for (Writable w : reader.next()) {
                    cells.add(unquote(w.toString()));
                }
                records.add(cells);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new Gen4jException("cannot read " + path + " as CSV: " + e.getMessage(), e);
        }
        if (records.size() < 2) {
            throw new Gen4jException(path + " has no data rows (a header line naming the variables, then one row per case)");
        }
        List<String> header = records.get(0);
        int weightAt = weightColumn == null ? -1 : header.indexOf(weightColumn);
        if (weightColumn != null && weightAt < 0) {
            throw new Gen4jException(path + " has no weight column '" + weightColumn + "' (columns: " + String.join(", ", header) + ")");
        }
        List<DiscreteVariable> variables = new ArrayList<>();
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j);
            if (j == weightAt) {
                continue;
            }
            if (schema == null) {
                TreeSet<String> states = new TreeSet<>();
                for (int r = 1; r < records.size(); r++) {
                    if (records.get(r).size() == header.size() && !isMissing(records.get(r).get(j))) {
                        states.add(records.get(r).get(j));
                    }
                }
                variables.add(new DiscreteVariable(name, new ArrayList<>(states)));
            } else {
                variables.add(schema.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() ->
                        new Gen4jException(path + ": column '" + name + "' is not a variable of the model (variables: "
                                + names(schema) + ")")));
            }
        }
        double[][] codes = new double[records.size() - 1][variables.size()];
        double[] weights = weightAt < 0 ? null : new double[records.size() - 1];
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                throw new Gen4jException(path + ": line " + (r + 1) + " has " + cells.size() + " cells, expected " + header.size());
            }
            int column = 0;
            for (int j = 0; j < cells.size(); j++) {
                if (j == weightAt) {
                    weights[r - 1] = weight(cells.get(j), path, r);
                    continue;
                }
                DiscreteVariable v = variables.get(column);
                if (isMissing(cells.get(j)) && !v.states().contains(cells.get(j))) {
                    codes[r - 1][column++] = Double.NaN;
                    continue;
                }
                int code = v.states().indexOf(cells.get(j));
                if (code < 0) {
                    throw new Gen4jException(path + ": unknown state '" + cells.get(j) + "' of '" + v.name() + "' at row "
                            + (r - 1) + " (line " + (r + 1) + "); states: " + String.join(", ", v.states()));
                }
                codes[r - 1][column++] = code;
            }
        }
        return new DiscreteTable(Nd4j.createFromArray(codes), variables, weights);
    }

    private static double weight(String cell, Path path, int line) {
        try {
            double w = Double.parseDouble(cell);
            if (w >= 0 && Double.isFinite(w)) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Gen4jException(path + ": line " + (line + 1) + " has the weight '" + cell + "' (a finite number, not negative)");
    }

    /** Writes a header and state names, one row per case. */
    public String toCsv() {
        StringBuilder s = new StringBuilder(String.join(",", names(variables))).append('\n');
        int v = variables.size();
        double[] flat = codes.dup('c').data().asDouble();
        for (int r = 0; r < rows(); r++) {
            for (int j = 0; j < v; j++) {
                double code = flat[r * v + j];
                s.append(j > 0 ? "," : "").append(Double.isNaN(code) ? "" : variables.get(j).state((int) code));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equals("?") || cell.equals("NA") || cell.equals("NaN");
    }

    static List<String> names(List<DiscreteVariable> variables) {
        return variables.stream().map(DiscreteVariable::name).toList();
    }

    private static String unquote(String text) {
        String t = text.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    @Override
    public String toString() {
        return "DiscreteTable(" + rows() + " rows; variables " + names(variables) + ")";
    }
}
