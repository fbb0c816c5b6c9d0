package org.gen4j.bayesnet.factors;

import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a factor as a text table, one row per assignment (last variable varying fastest), so a query result reads
 * at a REPL:
 *
 * <pre>
 * lung | value
 * -----+-------
 * no   | 0.9000
 * yes  | 0.1000
 * </pre>
 */
final class FactorTable {
    /** Rows shown before the table is cut; a REPL user wants a glance, not thousands of lines. */
    static final int MAX_ROWS = 32;

    private FactorTable() {
    }

    static String render(Factor factor) {
        List<DiscreteVariable> scope = factor.scope();
        INDArray flat = factor.values().dup('c').reshape(factor.values().length());
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[scope.size() + 1];
        for (int i = 0; i < scope.size(); i++) {
            header[i] = scope.get(i).name();
        }
        header[scope.size()] = "value";
        long shown = Math.min(flat.length(), MAX_ROWS);
        for (long index = 0; index < shown; index++) {
            rows.add(row(scope, index, flat.getDouble(index)));
        }
        int[] widths = widths(header, rows);
        StringBuilder text = new StringBuilder();
        line(text, header, widths);
        separator(text, widths);
        for (String[] row : rows) {
            line(text, row, widths);
        }
        if (flat.length() > shown) {
            text.append("... ").append(flat.length() - shown).append(" more rows\n");
        }
        return text.toString();
    }

    private static String[] row(List<DiscreteVariable> scope, long flatIndex, double value) {
        String[] cells = new String[scope.size() + 1];
        long rest = flatIndex;
        for (int i = scope.size() - 1; i >= 0; i--) {
            DiscreteVariable variable = scope.get(i);
            cells[i] = variable.state((int) (rest % variable.cardinality()));
            rest /= variable.cardinality();
        }
        cells[scope.size()] = String.format(Locale.ROOT, "%.4f", value);
        return cells;
    }

    private static int[] widths(String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        return widths;
    }

    private static void line(StringBuilder text, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : " | ").append(String.format(Locale.ROOT, "%-" + widths[c] + "s", cells[c]));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    private static void separator(StringBuilder text, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            text.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        text.append('\n');
    }
}
