package org.gen4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
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

    private final List<DiscreteVariable> observed;
    private final SparkPartitions<double[]> blocks;
    private final long count;
    private final String source;

    private SparkCases(JavaRDD<double[]> blocks, List<DiscreteVariable> observed, long count, String source) {
        this.observed = List.copyOf(observed);
        this.blocks = new SparkPartitions<>(blocks);
        this.count = count;
        this.source = source;
    }

    /** @param variables the network's variables; those with a column in {@code data} are observed */
    public static SparkCases of(Dataset<Row> data, List<DiscreteVariable> variables) {
        return of(data, variables, "Spark dataset");
    }

    /**
     * Cases whose variables are their columns, with the states found in them (sorted, as
     * {@code DiscreteTable.readCsv} orders them; missing markers left out), gathered in one pass: for learning a
     * structure, when no network names the states.
     */
    public static SparkCases of(Dataset<Row> data) {
        return discovered(data, "Spark dataset");
    }

    static SparkCases discovered(Dataset<Row> data, String source) {
        String[] columns = data.columns();
        if (columns.length == 0) {
            throw new Gen4jException(source + " has no columns");
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
        return of(data, variables, source);
    }

    static SparkCases of(Dataset<Row> data, List<DiscreteVariable> variables, String source) {
        List<String> columns = Arrays.asList(data.columns());
        List<DiscreteVariable> observed = variables.stream().filter(v -> columns.contains(v.name())).toList();
        if (observed.isEmpty()) {
            throw new Gen4jException(source + " has no column named like a variable of the network (columns: "
                    + String.join(", ", columns) + ")");
        }
        Column[] selected = observed.stream().map(v -> functions.col(SparkColumns.quoted(v.name())).cast("string")).toArray(Column[]::new);
        Dataset<Row> rows = data.select(selected);
        long count = SparkFailures.unwrapped(rows::count);
        if (count == 0) {
            throw new Gen4jException(source + " has no rows");
        }
        JavaRDD<double[]> blocks = rows.javaRDD().mapPartitions(partition -> RowBlocks.of(partition, observed.size(), (row, block, at) -> {
                    for (int j = 0; j < observed.size(); j++) {
                        block[at + j] = code(row.isNullAt(j) ? null : row.getString(j), observed.get(j));
                    }
                }))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new SparkCases(blocks, observed, count, source);
    }

    @Override
    public List<DiscreteVariable> variables() {
        return observed;
    }

    @Override
    public long rows() {
        return count;
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
        return source + " (" + count + " rows, " + observed.size() + " variables, " + blocks.blocks().getNumPartitions() + " partitions)";
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
