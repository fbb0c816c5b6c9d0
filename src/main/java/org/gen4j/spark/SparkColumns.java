package org.gen4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.gen4j.core.Gen4jException;

import java.util.Arrays;
import java.util.List;

/** Checks of the columns a fit names, with the one-line errors a user sees, and names as Spark reads them literally. */
final class SparkColumns {
    private SparkColumns() {
    }

    /** A column name as Spark reads it literally, even with dots or spaces. */
    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static DataType type(Dataset<Row> data, String name, String source) {
        return Arrays.stream(data.schema().fields()).filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new Gen4jException("no column '" + name + "' in " + source + " (columns: "
                        + String.join(", ", data.columns()) + ")")).dataType();
    }

    /** The name of a numeric column; a missing or non-numeric one is an error naming it. */
    static String numeric(Dataset<Row> data, String name, String source) {
        DataType type = type(data, name, source);
        if (!(type instanceof NumericType)) {
            throw new Gen4jException("column '" + name + "' of " + source + " is " + type.simpleString() + ", not a number");
        }
        return name;
    }

    /** Every numeric column, in the data's order; none is an error. */
    static List<String> numericColumns(Dataset<Row> data, String source) {
        List<String> names = Arrays.stream(data.schema().fields()).filter(f -> f.dataType() instanceof NumericType)
                .map(org.apache.spark.sql.types.StructField::name).toList();
        if (names.isEmpty()) {
            throw new Gen4jException(source + " has no numeric column (columns: " + String.join(", ", data.columns()) + ")");
        }
        return names;
    }

    /** The columns as double vectors; a missing value becomes NaN, which the rows' checks refuse in one line. */
    static JavaRDD<double[]> vectors(Dataset<Row> rows, List<String> columns) {
        return vectors(rows, columns, null);
    }

    /** The columns as double vectors, and with {@code labels} each row's class after them (one more value). */
    static JavaRDD<double[]> vectors(Dataset<Row> rows, List<String> columns, ClassColumn labels) {
        List<Column> selected = new java.util.ArrayList<>(columns.stream()
                .map(c -> functions.col(quoted(numeric(rows, c, "training rows"))).cast("double")).toList());
        if (labels != null) {
            selected.add(functions.col(quoted(labels.name())).cast("string"));
        }
        int width = columns.size();
        return rows.select(selected.toArray(Column[]::new)).javaRDD().map(row -> {
            double[] values = new double[labels == null ? width : width + 1];
            for (int j = 0; j < width; j++) {
                values[j] = row.isNullAt(j) ? Double.NaN : row.getDouble(j);
            }
            if (labels != null) {
                values[width] = labels.classOf(row.isNullAt(width) ? null : row.getString(width));
            }
            return values;
        });
    }
}
