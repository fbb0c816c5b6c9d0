package org.gen4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.gen4j.data.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where Spark reads a user's data: a CSV or Parquet file or folder at any Hadoop file-system URI ({@code file://},
 * {@code hdfs://}, {@code s3a://} with the user's connector on the class path). The format comes from the name's
 * ending, or from a {@code csv:} or {@code parquet:} prefix for folders of parts.
 */
public final class SparkSources {
    private SparkSources() {
    }

    /** True when {@code data} names something Spark reads itself (rather than a bundled data set). */
    public static boolean isSparkSource(String data) {
        String lower = data.toLowerCase(Locale.ROOT);
        return lower.startsWith("csv:") || lower.startsWith("parquet:") || format(lower) != null;
    }

    public static Dataset<Row> read(SparkSession spark, String data) {
        String lower = data.toLowerCase(Locale.ROOT);
        String uri = data;
        String format = format(lower);
        if (lower.startsWith("csv:") || lower.startsWith("parquet:")) {
            format = lower.substring(0, lower.indexOf(':'));
            uri = data.substring(format.length() + 1);
        }
        if (format == null) {
            throw new Gen4jException("cannot tell the format of '" + data + "': name a .csv or .parquet file, or prefix a folder with csv: or parquet:");
        }
        try {
            return format.equals("csv")
                    ? spark.read().option("header", "true").option("inferSchema", "true").option("mode", "FAILFAST").csv(uri)
                    : spark.read().parquet(uri);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {       // Scala's AnalysisException (path does not exist, ...) is checked to javac
            String why = e instanceof org.apache.spark.sql.AnalysisException a ? a.getSimpleMessage() : e.getMessage();
            throw new Gen4jException("Spark cannot read " + uri + ": " + why, e);
        }
    }

    /** What a command names: read by Spark where it lives, or a bundled data set sent from this machine. */
    static Dataset<Row> readOrSend(SparkSession spark, String data) {
        return isSparkSource(data) ? read(spark, data) : of(spark, Datasets.load(data));
    }

    /** A table already in memory (a bundled data set) as a Spark dataset, for trying Spark in local mode. */
    public static Dataset<Row> of(SparkSession spark, Table table) {
        return of(spark, table, null);
    }

    /** A table in memory as a Spark dataset, with its labels as a text column {@code labelColumn} (null: without). */
    public static Dataset<Row> of(SparkSession spark, Table table, String labelColumn) {
        List<StructField> fields = new ArrayList<>();
        for (String column : table.columns()) {
            fields.add(DataTypes.createStructField(column, DataTypes.DoubleType, false));
        }
        String[] labels = labelColumn == null ? null : table.labels().orElseThrow(() -> new Gen4jException(table.source() + " has no labels"));
        if (labels != null) {
            fields.add(DataTypes.createStructField(labelColumn, DataTypes.StringType, false));
        }
        double[][] values = table.features(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        List<Row> rows = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            double[] row = values[i];
            Object[] cells = new Object[row.length + (labels == null ? 0 : 1)];
            for (int j = 0; j < row.length; j++) {
                cells[j] = row[j];
            }
            if (labels != null) {
                cells[row.length] = labels[i];
            }
            rows.add(RowFactory.create(cells));
        }
        return spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)));
    }

    private static String format(String lower) {
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz") || lower.endsWith(".tsv")) {
            return "csv";
        }
        if (lower.endsWith(".parquet") || lower.endsWith(".parq")) {
            return "parquet";
        }
        return null;
    }
}
