package org.gen4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.gen4j.bayesnet.estimators.CaseBlocks;
import org.gen4j.bayesnet.estimators.PartitionedCases;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteVariable;
import org.gen4j.em.EmStatistics;
import org.gen4j.em.PartitionStep;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Cases for a Bayesian network in Spark: the columns of a {@code Dataset<Row>} named like the network's variables,
 * cells holding state names, turned into state codes in cached blocks where they live. Empty cells, {@code ?},
 * {@code NA} and {@code NaN} are missing values (as in gen4j's CSV reader); a variable without a column is latent.
 *
 * <pre>{@code
 * SparkCases cases = SparkCases.of(spark.read().option("header", true).csv("hdfs:///surveys"), structure.variables());
 * BayesianNetwork fitted = ParameterEstimator.bdeu(10).fit(structure, cases);
 * }</pre>
 */
public final class SparkCases implements PartitionedCases, AutoCloseable {
    private static final Set<String> MISSING = Set.of("", "?", "NA", "NaN");

    private final CaseBlocks layout;
    private final SparkPartitions<double[]> blocks;
    private final long count;
    private final double totalWeight;
    private final String source;

    private SparkCases(JavaRDD<double[]> blocks, CaseBlocks layout, long count, double totalWeight, String source) {
        this.layout = layout;
        this.blocks = new SparkPartitions<>(blocks);
        this.count = count;
        this.totalWeight = totalWeight;
        this.source = source;
    }

    /** @param variables the network's variables; those with a column in {@code data} are observed */
    public static SparkCases of(Dataset<Row> data, List<DiscreteVariable> variables) {
        return of(data, variables, null, "Spark dataset");
    }

    /**
     * Weighted cases: each row counts for the number in {@code weightColumn} (finite, not negative; 2 counts as the row
     * written twice), in every estimator's counts and in the sample size of scores.
     */
    public static SparkCases of(Dataset<Row> data, List<DiscreteVariable> variables, String weightColumn) {
        return of(data, variables, weightColumn, "Spark dataset");
    }

    /**
     * Cases whose variables are their columns, with the states found in them (sorted, as
     * {@code DiscreteTable.readCsv} orders them; missing markers left out), gathered in one pass: for learning a
     * structure, when no network names the states.
     */
    public static SparkCases of(Dataset<Row> data) {
        return discovered(data, null, "Spark dataset");
    }

    /** @param weightColumn a numeric column weighing each row (not a variable), or null */
    static SparkCases discovered(Dataset<Row> data, String weightColumn, String source) {
        String[] columns = Arrays.stream(data.columns()).filter(c -> !c.equals(weightColumn)).toArray(String[]::new);
        if (columns.length == 0) {
            throw new Gen4jException(source + " has no columns" + (weightColumn == null ? "" : " besides the weights"));
        }
        Column[] sets = Arrays.stream(columns).map(c -> functions.collect_set(functions.trim(
                functions.col(SparkColumns.quoted(c)).cast("string")))).toArray(Column[]::new);
        Row found = SparkFailures.unwrapped(() -> data.agg(sets[0], Arrays.copyOfRange(sets, 1, sets.length)).first());
        List<DiscreteVariable> variables = new java.util.ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            java.util.TreeSet<String> states = new java.util.TreeSet<>(found.<String>getList(j));
            states.removeAll(MISSING);
            if (states.isEmpty()) {
                throw new Gen4jException(source + ": column '" + columns[j] + "' has no values");
            }
            variables.add(new DiscreteVariable(columns[j], new java.util.ArrayList<>(states)));
        }
        return of(data, variables, weightColumn, source);
    }

    static SparkCases of(Dataset<Row> data, List<DiscreteVariable> variables, String weightColumn, String source) {
        List<String> columns = Arrays.asList(data.columns());
        if (weightColumn != null && !columns.contains(weightColumn)) {
            throw new Gen4jException(source + " has no weight column '" + weightColumn + "' (columns: " + String.join(", ", columns) + ")");
        }
        if (weightColumn != null && variables.stream().anyMatch(v -> v.name().equals(weightColumn))) {
            throw new Gen4jException("'" + weightColumn + "' is the weight column: it cannot be a variable too");
        }
        List<DiscreteVariable> observed = variables.stream().filter(v -> columns.contains(v.name())).toList();
        if (observed.isEmpty()) {
            throw new Gen4jException(source + " has no column named like a variable of the network (columns: "
                    + String.join(", ", columns) + ")");
        }
        List<Column> selected = new java.util.ArrayList<>(observed.stream()
                .map(v -> functions.col(SparkColumns.quoted(v.name())).cast("string")).toList());
        if (weightColumn != null) {
            selected.add(functions.col(SparkColumns.quoted(weightColumn)).cast("double").alias(weightColumn));
        }
        Dataset<Row> rows = data.select(selected.toArray(Column[]::new));
        CaseBlocks layout = new CaseBlocks(observed, weightColumn != null);
        RowTotals totals = weightColumn == null ? counted(rows, source) : checkedWeights(rows, weightColumn, source);
        int d = observed.size();
        JavaRDD<double[]> blocks = rows.javaRDD().mapPartitions(partition -> RowBlocks.of(partition, layout.width(), (row, block, at) -> {
                    for (int j = 0; j < d; j++) {
                        block[at + j] = code(row.isNullAt(j) ? null : row.getString(j), observed.get(j));
                    }
                    if (layout.weighted()) {
                        block[at + d] = row.getDouble(d);         // checked above: present, finite, not negative
                    }
                }))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new SparkCases(blocks, layout, totals.rows(), totals.weight(), source);
    }

    /** How many rows, and what they count for together. */
    private record RowTotals(long rows, double weight) {
    }

    private static RowTotals counted(Dataset<Row> rows, String source) {
        long count = SparkFailures.unwrapped(rows::count);
        if (count == 0) {
            throw new Gen4jException(source + " has no rows");
        }
        return new RowTotals(count, count);
    }

    /**
     * One pass for the number of rows, their total weight and how many rows have a weight that is missing, not a
     * number, infinite or negative (a clear error here rather than a failed task later).
     */
    private static RowTotals checkedWeights(Dataset<Row> rows, String weightColumn, String source) {
        Column w = functions.col(SparkColumns.quoted(weightColumn));
        Column bad = w.isNull().or(functions.isnan(w)).or(w.lt(0)).or(w.equalTo(Double.POSITIVE_INFINITY));
        Row totals = SparkFailures.unwrapped(() -> rows.agg(functions.count(functions.lit(1)), functions.sum(w),
                functions.count(functions.when(bad, 1))).first());
        if (totals.getLong(0) == 0) {
            throw new Gen4jException(source + " has no rows");
        }
        long invalid = totals.getLong(2);
        if (invalid > 0) {
            throw new Gen4jException(source + ": " + invalid + " row(s) of weight column '" + weightColumn
                    + "' hold no finite, non-negative number (empty, not numeric, negative or infinite)");
        }
        return new RowTotals(totals.getLong(0), totals.getDouble(1));
    }

    @Override
    public List<DiscreteVariable> variables() {
        return layout.variables();
    }

    @Override
    public long rows() {
        return count;
    }

    @Override
    public CaseBlocks layout() {
        return layout;
    }

    @Override
    public double totalWeight() {
        return totalWeight;
    }

    /** Whether any value is missing (one pass over the cached blocks). */
    public boolean hasMissing() {
        return SparkFailures.unwrapped(() -> blocks.blocks().filter(block -> {
            for (double code : block) {
                if (Double.isNaN(code)) {
                    return true;
                }
            }
            return false;
        }).count() > 0);
    }

    @Override
    public String describe() {
        return source + " (" + count + " rows, " + layout.variables().size() + " variables, " + blocks.blocks().getNumPartitions()
                + " partitions" + (layout.weighted() ? ", weighted" : "") + ")";
    }

    @Override
    public <P, S extends EmStatistics<S>> S aggregate(PartitionStep<P, double[], S> step, P current) {
        return blocks.aggregate(step, current);
    }

    @Override
    public void close() {
        blocks.blocks().unpersist(false);
    }

    private static double code(String cell, DiscreteVariable variable) {
        if (cell == null) {
            return Double.NaN;
        }
        String value = cell.trim();
        int code = variable.states().indexOf(value);
        if (code >= 0) {
            return code;
        }
        if (MISSING.contains(value)) {
            return Double.NaN;
        }
        throw new Gen4jException("'" + value + "' is not a state of '" + variable.name() + "' (states: "
                + String.join(", ", variable.states()) + ")");
    }
}
