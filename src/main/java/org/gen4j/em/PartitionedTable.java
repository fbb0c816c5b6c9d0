package org.gen4j.em;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * A numeric table held in partitions elsewhere (a Spark cluster's), as a fit on it sees it: its columns, its size,
 * a random sample for initialisation, and passes that run where the rows are. Each block is rows in row-major
 * order, {@code columns().size()} values per row.
 */
public interface PartitionedTable extends Partitioned<double[]> {

    List<String> columns();

    long rows();

    /** Up to {@code maxRows} rows drawn without replacement, {@code [n, d]} float64: the only rows brought to the driver. */
    INDArray sample(int maxRows, long seed);

    /** What the table is, for a model's provenance. */
    String describe();
}
