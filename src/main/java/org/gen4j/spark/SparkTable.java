package org.gen4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.gen4j.core.Gen4jException;
import org.gen4j.em.EmStatistics;
import org.gen4j.em.PartitionStep;
import org.gen4j.em.PartitionedTable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * A numeric table in Spark, as gen4j's fits read it: the chosen columns of a {@code Dataset<Row>}, cut into blocks
 * of rows that stay cached in their partitions. Nothing is collected to the driver except a sample for
 * initialisation.
 *
 * <pre>{@code
 * SparkTable table = SparkTable.of(spark.read().parquet("s3a://bucket/sensors"), List.of("x", "y"));
 * GaussianMixture gmm = GaussianMixtureTrainer.builder().components(8).build().fit(table);
 * }</pre>
 */
public final class SparkTable implements PartitionedTable, AutoCloseable {
    private final List<String> columns;
    private final SparkPartitions<double[]> blocks;
    private final long count;
    private final String source;

    private SparkTable(Dataset<Row> rows, List<String> columns, String source) {
        this.columns = List.copyOf(columns);
        int width = columns.size();
        JavaRDD<double[]> cut = rows.javaRDD().mapPartitions(partition -> RowBlocks.of(partition, width,
                (row, block, at) -> System.arraycopy(values(row, width), 0, block, at, width)));
        JavaRDD<double[]> cached = cut.persist(StorageLevel.MEMORY_AND_DISK());
        this.blocks = new SparkPartitions<>(cached);
        // counted from the blocks, which caches them in the same pass: the source is read once
        this.count = SparkFailures.unwrapped(() -> cached.map(block -> (long) (block.length / width)).fold(0L, Long::sum));
        if (count == 0) {
            throw new Gen4jException(source + " has no rows");
        }
        this.source = source;
    }

    /** The named numeric columns of {@code data} (all of its numeric columns when {@code columns} is null or empty). */
    public static SparkTable of(Dataset<Row> data, List<String> columns) {
        return of(data, columns, "Spark dataset");
    }

    static SparkTable of(Dataset<Row> data, List<String> columns, String source) {
        List<String> chosen = columns == null || columns.isEmpty() ? SparkColumns.numericColumns(data, source) : columns;
        Column[] selected = chosen.stream().map(name -> functions.col(SparkColumns.quoted(SparkColumns.numeric(data, name, source)))
                .cast("double")).toArray(Column[]::new);
        return new SparkTable(data.select(selected), chosen, source);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public long rows() {
        return count;
    }

    /**
     * Up to {@code maxRows} rows drawn at random (all of them, in partition order, when the table has no more), for
     * initialisation. Drawn from the cached blocks, each partition with its own generator seeded from {@code seed}
     * and its index, so the same table, partitioning and seed give the same sample; the rows are not decoded again.
     */
    @Override
    public INDArray sample(int maxRows, long seed) {
        double fraction = Math.min(1.0, 1.2 * maxRows / count);
        int width = columns.size();
        List<double[]> drawn = SparkFailures.unwrapped(() -> blocks.blocks()
                .mapPartitionsWithIndex((index, partition) -> RowBlocks.sampled(partition, width, fraction, seed, index), true)
                .collect());
        double[] all = new double[Math.toIntExact(drawn.stream().mapToLong(part -> part.length).sum())];
        int filled = 0;
        for (double[] part : drawn) {
            System.arraycopy(part, 0, all, filled, part.length);
            filled += part.length;
        }
        int total = all.length / width;
        if (total == 0) {
            throw new Gen4jException("the sample of " + source + " came back empty");
        }
        if (total <= maxRows) {
            return Nd4j.create(all, new long[]{total, width}, 'c');
        }
        // the draw takes a fifth more than asked so that it rarely falls short; of what it took, a uniform subset in
        // partition order (the first rows would favour the first partitions)
        boolean[] kept = RowBlocks.uniformSubset(total, maxRows, seed);
        double[] values = new double[maxRows * width];
        for (int i = 0, at = 0; i < total; i++) {
            if (kept[i]) {
                System.arraycopy(all, i * width, values, at, width);
                at += width;
            }
        }
        return Nd4j.create(values, new long[]{maxRows, width}, 'c');
    }

    @Override
    public String describe() {
        return source + " (" + count + " rows, " + columns.size() + " columns, " + blocks.blocks().getNumPartitions() + " partitions)";
    }

    @Override
    public <P, S extends EmStatistics<S>> S aggregate(PartitionStep<P, double[], S> step, P current) {
        return blocks.aggregate(step, current);
    }

    /** Frees the cached blocks. */
    @Override
    public void close() {
        blocks.blocks().unpersist(false);
    }

    private static double[] values(Row row, int columns) {
        double[] values = new double[columns];
        for (int j = 0; j < columns; j++) {
            values[j] = row.isNullAt(j) ? Double.NaN : row.getDouble(j);     // missing: a mixture's observed-data EM takes it
        }
        return values;
    }

}
