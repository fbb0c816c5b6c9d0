package org.gen4j.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.NetworkData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A network's training rows where Spark reads them: the numeric columns scaled as one machine scales them
 * ({@link NetworkData.Scale}: max divides every value by the largest, standardize each column by its mean and sample
 * standard deviation; both computed in one pass over the data), spread over at least the session's default parallelism
 * (a small file is read as one partition), then split by {@code randomSplit} into training rows
 * that stay in their partitions and held-out rows, of which at most {@link #HELD_OUT_ROWS} come to the driver for the
 * held-out ELBO after each epoch.
 *
 * @param train         scaled training rows, one double column per feature (named as in the data), and the label column
 * @param classes       the label column's classes, or null without one
 * @param heldOut       scaled held-out rows on the driver (at most {@link #HELD_OUT_ROWS}), or null with no held-out share
 * @param heldOutLabels their classes, or null without a label column
 * @param description   what was read, for the model's provenance and the run's report
 */
public record SparkNetworkRows(Dataset<Row> train, List<String> columns, ClassColumn classes, INDArray heldOut, int[] heldOutLabels,
                               long heldOutRows, String description) {
    /** Held-out rows brought to the driver at most: enough for a mean ELBO to ~1 % of its spread, small for any driver. */
    public static final int HELD_OUT_ROWS = 10_000;

    /**
     * @param columns       the numeric columns to train on; empty for every numeric column but {@code labelColumn}
     * @param labelColumn   a column of class labels not to train on, or null
     * @param limit         the first rows to keep, 0 for all
     * @param trainFraction the share of rows to train on, in (0, 1]; 1 holds nothing out
     */
    public static SparkNetworkRows read(Dataset<Row> data, String source, List<String> columns, String labelColumn, int limit,
                                        NetworkData.Scale scale, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new Gen4jException("the training fraction must be in (0, 1], got " + trainFraction);
        }
        List<String> chosen = columns != null && !columns.isEmpty() ? columns : SparkColumns.numericColumns(data, source).stream()
                .filter(c -> !c.equals(labelColumn)).toList();
        if (chosen.isEmpty()) {
            throw new Gen4jException(source + " has no numeric column besides the label column " + labelColumn);
        }
        data = limit > 0 ? data.limit(limit) : data;
        ClassColumn classes = labelColumn == null ? null : ClassColumn.of(data, labelColumn, source);
        List<Column> values = new ArrayList<>();
        for (String name : chosen) {
            values.add(functions.col(SparkColumns.quoted(SparkColumns.numeric(data, name, source))).cast("double").as(name));
        }
        if (classes != null) {
            values.add(functions.col(SparkColumns.quoted(labelColumn)).cast("string").as(labelColumn));
        }
        Dataset<Row> selected = data.select(values.toArray(Column[]::new));
        int parallelism = data.sparkSession().sparkContext().defaultParallelism();
        if (selected.rdd().getNumPartitions() < parallelism) {
            selected = selected.repartition(parallelism);       // a small file is one partition: spread it over every core
        }
        Dataset<Row> scaled = scaled(selected, chosen, labelColumn, scale, source);
        if (trainFraction == 1) {
            return new SparkNetworkRows(scaled, chosen, classes, null, null, 0, describe(source, chosen, scale));
        }
        Dataset<Row>[] parts = scaled.randomSplit(new double[]{trainFraction, 1 - trainFraction}, seed);
        long heldOutRows = SparkFailures.unwrapped(parts[1]::count);
        List<Row> kept = SparkFailures.unwrapped(() -> parts[1].limit(HELD_OUT_ROWS).collectAsList());
        if (kept.isEmpty()) {
            throw new Gen4jException(source + ": no row fell into the held-out share " + (1 - trainFraction)
                    + "; raise it or give more rows");
        }
        double[][] rows = new double[kept.size()][chosen.size()];
        int[] labels = classes == null ? null : new int[kept.size()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < chosen.size(); j++) {
                rows[i][j] = kept.get(i).isNullAt(j) ? Double.NaN : kept.get(i).getDouble(j);
            }
            if (labels != null) {
                labels[i] = classes.classOf(kept.get(i).isNullAt(chosen.size()) ? null : kept.get(i).getString(chosen.size()));
            }
        }
        return new SparkNetworkRows(parts[0], chosen, classes, Nd4j.createFromArray(rows), labels, heldOutRows,
                describe(source, chosen, scale));
    }

    /** The feature columns scaled; the label column (or null) as it is. */
    private static Dataset<Row> scaled(Dataset<Row> rows, List<String> columns, String labelColumn, NetworkData.Scale scale, String source) {
        if (scale == NetworkData.Scale.NONE) {
            return rows;
        }
        List<Column> statistics = new ArrayList<>();
        for (String c : columns) {
            Column column = functions.col(SparkColumns.quoted(c));
            if (scale == NetworkData.Scale.MAX) {
                statistics.add(functions.min(column));
                statistics.add(functions.max(column));
            } else {
                statistics.add(functions.avg(column));
                statistics.add(functions.stddev_samp(column));
            }
        }
        Row found = SparkFailures.unwrapped(() -> rows.agg(statistics.get(0), statistics.subList(1, statistics.size())
                .toArray(Column[]::new)).first());
        List<Column> out = new ArrayList<>();
        if (scale == NetworkData.Scale.MAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < columns.size(); j++) {
                if (!found.isNullAt(2 * j) && found.getDouble(2 * j) < 0) {
                    throw new Gen4jException(source + " has negative values: scale 'max' maps [0, max] to [0, 1]; use standardize");
                }
                max = found.isNullAt(2 * j + 1) ? max : Math.max(max, found.getDouble(2 * j + 1));
            }
            double divisor = max > 0 ? max : 1;
            for (String c : columns) {
                out.add(functions.col(SparkColumns.quoted(c)).divide(divisor).as(c));
            }
        } else {
            for (int j = 0; j < columns.size(); j++) {
                double mean = found.isNullAt(2 * j) ? 0 : found.getDouble(2 * j);
                double std = found.isNullAt(2 * j + 1) || found.getDouble(2 * j + 1) == 0 ? 1 : found.getDouble(2 * j + 1);
                out.add(functions.col(SparkColumns.quoted(columns.get(j))).minus(mean).divide(std).as(columns.get(j)));
            }       // constant columns (std 0) are only centred, as on one machine
        }
        if (labelColumn != null) {
            out.add(functions.col(SparkColumns.quoted(labelColumn)));
        }
        return rows.select(out.toArray(Column[]::new));
    }

    private static String describe(String source, List<String> columns, NetworkData.Scale scale) {
        return source + " on Spark: " + columns.size() + " columns"
                + (scale == NetworkData.Scale.NONE ? "" : ", scaled (" + scale.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
