package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's feature columns and, when {@code --weight-column} names one, the rows' weights taken from that column
 * (which is then not a feature).
 *
 * @param weights {@code [n]}, or null when every row counts once
 */
record WeightedRows(Table table, double[] weights) {
    static WeightedRows load(String data, List<String> columns, String weightColumn) {
        if (weightColumn == null) {
            return new WeightedRows(Datasets.load(data, columns, true), null);        // a Gaussian mixture takes gaps
        }
        if (columns != null && columns.contains(weightColumn)) {
            throw new Gen4jException("'" + weightColumn + "' is the weight column: it cannot be a feature too");
        }
        Table all = Datasets.load(data, null, true);
        double[] weights = all.features().getColumn(all.columnIndex(weightColumn)).toDoubleVector();
        for (int r = 0; r < weights.length; r++) {
            if (Double.isNaN(weights[r])) {
                throw new Gen4jException("row " + r + " has no weight in the column '" + weightColumn + "'");
            }
        }
        List<String> features = columns != null ? columns : new ArrayList<>(all.columns());
        if (columns == null) {
            features.remove(weightColumn);
        }
        return new WeightedRows(all.select(features), weights);
    }

    /** The sample size: the weights' sum, or the number of rows. */
    double total() {
        if (weights == null) {
            return table.rows();
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        return total;
    }

    /** Σ_i w_i · values_i (the plain sum when unweighted). @param values {@code [n]} */
    double weightedSum(INDArray values) {
        if (weights == null) {
            return values.sumNumber().doubleValue();
        }
        double[] v = values.toDoubleVector();
        double total = 0;
        for (int i = 0; i < v.length; i++) {
            total += weights[i] * v[i];
        }
        return total;
    }
}
