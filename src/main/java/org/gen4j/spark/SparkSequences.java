package org.gen4j.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.gen4j.core.Gen4jException;
import org.gen4j.em.EmStatistics;
import org.gen4j.em.PartitionStep;
import org.gen4j.em.PartitionedSequences;
import org.gen4j.em.SequenceBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Sequences in Spark, as gen4j's hidden Markov models read them: the rows of a {@code Dataset<Row>} grouped by a
 * sequence-id column, in the order of an order column (or of the rows as read), with whole sequences kept together in
 * cached blocks. Sequences are the unit of partitioning; without an id column all rows are one sequence.
 *
 * <pre>{@code
 * SparkSequences days = SparkSequences.of(spark.read().parquet("hdfs:///ticks"), List.of("ret"), "day", "minute");
 * HiddenMarkovModel hmm = BaumWelch.builder().states(3).build().fit(days);
 * }</pre>
 */
public final class SparkSequences implements PartitionedSequences, AutoCloseable {
    /** Steps per block: whole sequences are added until a block holds at least this many. */
    static final int BLOCK_STEPS = 4096;

    private final List<String> columns;
    private final JavaRDD<double[]> sequences;       // each one row-major, columns().size() values per step
    private final SparkPartitions<SequenceBlock> blocks;
    private final long sequenceCount;
    private final long stepCount;
    private final String source;

    private SparkSequences(JavaRDD<double[]> sequences, List<String> columns, String source) {
        this.columns = List.copyOf(columns);
        this.sequences = sequences;
        int width = columns.size();
        this.blocks = new SparkPartitions<>(sequences.mapPartitions(partition -> blocksOf(partition, width))
                .persist(StorageLevel.MEMORY_AND_DISK()));
        this.sequenceCount = SparkFailures.unwrapped(sequences::count);
        if (sequenceCount == 0) {
            throw new Gen4jException(source + " has no rows");
        }
        this.stepCount = SparkFailures.unwrapped(() -> blocks.blocks().map(block -> (long) block.steps().length / width).reduce(Long::sum));
        this.source = source;
    }

    /**
     * @param columns        the observed columns (numeric)
     * @param sequenceColumn the column naming each row's sequence, or null for one sequence of all rows
     * @param orderColumn    the column ordering steps within a sequence, or null for the order rows are read in
     */
    public static SparkSequences of(Dataset<Row> data, List<String> columns, String sequenceColumn, String orderColumn) {
        return of(data, columns, sequenceColumn, orderColumn, "Spark dataset");
    }

    static SparkSequences of(Dataset<Row> data, List<String> columns, String sequenceColumn, String orderColumn, String source) {
        if (columns == null || columns.isEmpty()) {
            throw new Gen4jException("name the observed columns of " + source + " (--columns)");
        }
        List<Column> selected = new ArrayList<>();
        selected.add(sequenceColumn == null ? functions.lit("all") : functions.col(SparkColumns.quoted(column(data, sequenceColumn, source))).cast("string"));
        if (orderColumn != null) {
            selected.add(functions.col(SparkColumns.quoted(SparkColumns.numeric(data, orderColumn, source))).cast("double"));
        }
        for (String name : columns) {
            selected.add(functions.col(SparkColumns.quoted(SparkColumns.numeric(data, name, source))).cast("double"));
        }
        int width = columns.size();
        boolean ordered = orderColumn != null;
        JavaRDD<Row> rows = data.select(selected.toArray(Column[]::new)).javaRDD();
        // (sequence id, (position, step values)); without an order column the position is the row's place as read
        JavaPairRDD<String, Tuple2<Double, double[]>> steps = ordered
                ? rows.mapToPair(row -> new Tuple2<>(row.getString(0), new Tuple2<>(position(row, 1), values(row, 2, width))))
                : rows.zipWithIndex().mapToPair(indexed -> new Tuple2<>(indexed._1().getString(0),
                        new Tuple2<>((double) indexed._2(), values(indexed._1(), 1, width))));
        JavaRDD<double[]> sequences = steps.groupByKey().map(sequence -> ordered(sequence._2(), width));
        return new SparkSequences(sequences, columns, source);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public long sequences() {
        return sequenceCount;
    }

    @Override
    public long steps() {
        return stepCount;
    }

    @Override
    public List<INDArray> sample(int maxSequences, long seed) {
        List<double[]> drawn = sequences.takeSample(false, (int) Math.min(maxSequences, sequenceCount), seed);
        List<INDArray> out = new ArrayList<>(drawn.size());
        for (double[] sequence : drawn) {
            out.add(Nd4j.create(sequence, new long[]{sequence.length / columns.size(), columns.size()}, 'c'));
        }
        return out;
    }

    @Override
    public String describe() {
        return source + " (" + sequenceCount + " sequences, " + stepCount + " steps, " + columns.size() + " columns, "
                + blocks.blocks().getNumPartitions() + " partitions)";
    }

    @Override
    public <P, S extends EmStatistics<S>> S aggregate(PartitionStep<P, SequenceBlock, S> step, P current) {
        return blocks.aggregate(step, current);
    }

    @Override
    public void close() {
        blocks.blocks().unpersist(false);
    }

    private static double[] ordered(Iterable<Tuple2<Double, double[]>> steps, int width) {
        List<Tuple2<Double, double[]>> sorted = new ArrayList<>();
        steps.forEach(sorted::add);
        sorted.sort((a, b) -> Double.compare(a._1(), b._1()));
        double[] out = new double[sorted.size() * width];
        for (int t = 0; t < sorted.size(); t++) {
            System.arraycopy(sorted.get(t)._2(), 0, out, t * width, width);
        }
        return out;
    }

    private static Iterator<SequenceBlock> blocksOf(Iterator<double[]> partition, int width) {
        List<SequenceBlock> out = new ArrayList<>();
        List<double[]> pending = new ArrayList<>();
        int pendingSteps = 0;
        while (partition.hasNext()) {
            double[] sequence = partition.next();
            pending.add(sequence);
            pendingSteps += sequence.length / width;
            if (pendingSteps >= BLOCK_STEPS) {
                out.add(block(pending, pendingSteps, width));
                pending.clear();
                pendingSteps = 0;
            }
        }
        if (!pending.isEmpty()) {
            out.add(block(pending, pendingSteps, width));
        }
        return out.iterator();
    }

    private static SequenceBlock block(List<double[]> sequences, int steps, int width) {
        double[] values = new double[steps * width];
        int[] lengths = new int[sequences.size()];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            double[] sequence = sequences.get(i);
            System.arraycopy(sequence, 0, values, at, sequence.length);
            at += sequence.length;
            lengths[i] = sequence.length / width;
        }
        return new SequenceBlock(values, lengths, width);
    }

    private static double position(Row row, int at) {
        if (row.isNullAt(at)) {
            throw new Gen4jException("a row has no value in the order column");
        }
        return row.getDouble(at);
    }

    private static double[] values(Row row, int from, int width) {
        double[] values = new double[width];
        for (int j = 0; j < width; j++) {
            values[j] = row.isNullAt(from + j) ? Double.NaN : row.getDouble(from + j);      // missing: the emission skips it
        }
        return values;
    }

    static String column(Dataset<Row> data, String name, String source) {
        SparkColumns.type(data, name, source);
        return name;
    }
}
