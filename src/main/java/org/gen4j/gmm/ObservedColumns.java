package org.gen4j.gmm;

import org.gen4j.em.EmStatistics;
import org.gen4j.em.PartitionStep;

import java.util.List;

/**
 * One pass over a partitioned table before EM: how many values are missing (NaN) and the mean of each column's
 * observed ones. Decides whether a fit on a cluster needs the observed-data EM, and gives that EM its shift.
 */
final class ObservedColumns implements EmStatistics<ObservedColumns>, java.io.Serializable {
    private final double[] sums;
    private final long[] counts;
    private long missing;

    private ObservedColumns(int columns) {
        sums = new double[columns];
        counts = new long[columns];
    }

    /** The pass: every block of rows (row-major, {@code columns} values per row) counted where it lies. */
    record Step(int columns) implements PartitionStep<Object, double[], ObservedColumns> {
        @Override
        public ObservedColumns empty(Object current) {
            return new ObservedColumns(columns);
        }

        @Override
        public void add(Object current, double[] block, ObservedColumns into) {
            for (int i = 0; i < block.length; i++) {
                if (Double.isNaN(block[i])) {
                    into.missing++;
                } else {
                    into.sums[i % columns] += block[i];
                    into.counts[i % columns]++;
                }
            }
        }
    }

    @Override
    public void merge(ObservedColumns other) {
        for (int j = 0; j < sums.length; j++) {
            sums[j] += other.sums[j];
            counts[j] += other.counts[j];
        }
        missing += other.missing;
    }

    /** Not an EM objective: this pass has none. */
    @Override
    public double objective() {
        return Double.NaN;
    }

    boolean anyMissing() {
        return missing > 0;
    }

    /** The mean of each column's observed values; a column with none is an error naming it. */
    double[] means(List<String> columns) {
        double[] means = new double[sums.length];
        for (int j = 0; j < sums.length; j++) {
            if (counts[j] == 0) {
                throw new org.gen4j.core.Gen4jException((columns.size() == sums.length ? "column '" + columns.get(j) + "'" : "column " + j)
                        + " is missing in every row: nothing to learn about it");
            }
            means[j] = sums[j] / counts[j];
        }
        return means;
    }
}
