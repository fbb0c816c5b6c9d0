package org.gen4j.bayesnet.structure;

import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.estimators.PartitionedCases;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.gen4j.em.EmStatistics;
import org.gen4j.em.PartitionStep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where structure search gets the count tables of families: complete cases in memory, or held in partitions
 * elsewhere (a Spark cluster's), where every requested family is counted in one pass and only the tables come back.
 * Weighted cases count each row with its weight.
 * <pre>{@code
 * StructureScore bic = new StructureScore(StructureScore.Kind.BIC, 0, CountSource.of(sparkCases));
 * Dag dag = HillClimbSearch.builder().build().search(bic);
 * }</pre>
 */
public interface CountSource {

    /** The variables, in the order families' indices refer to. */
    List<DiscreteVariable> variables();

    long rows();

    /** The rows' total weight (their number when unweighted): the N of BIC's penalty and of mutual information. */
    default double sampleSize() {
        return rows();
    }

    /** Where the counts come from, for a model's provenance. */
    String describe();

    /** The count tables {@code [parent configuration][child state]} of the families, in their order. */
    List<double[][]> countTables(List<Family> families);

    /** A variable and its parents, by index into {@link #variables()}. */
    record Family(int child, int[] parents) implements Serializable {
        @Override
        public boolean equals(Object o) {
            return o instanceof Family f && f.child == child && Arrays.equals(f.parents, parents);
        }

        @Override
        public int hashCode() {
            return 31 * child + Arrays.hashCode(parents);
        }

        @Override
        public String toString() {
            return child + ":" + Arrays.toString(parents);
        }
    }

    static CountSource of(DiscreteTable data) {
        return new CountSource() {
            @Override
            public List<DiscreteVariable> variables() {
                return data.variables();
            }

            @Override
            public long rows() {
                return data.rows();
            }

            @Override
            public double sampleSize() {
                return data.totalWeight();
            }

            @Override
            public String describe() {
                return data.toString();
            }

            @Override
            public List<double[][]> countTables(List<Family> families) {
                return families.stream().map(f -> table(f, data.variables(), data)).toList();
            }
        };
    }

    /** Complete cases in partitions: every family's counts summed where the rows are, in one pass per request. */
    static CountSource of(PartitionedCases cases) {
        return new CountSource() {
            @Override
            public List<DiscreteVariable> variables() {
                return cases.variables();
            }

            @Override
            public long rows() {
                return cases.rows();
            }

            @Override
            public double sampleSize() {
                return cases.totalWeight();
            }

            @Override
            public String describe() {
                return cases.describe();
            }

            @Override
            public List<double[][]> countTables(List<Family> families) {
                return cases.aggregate(new Counting(cases.layout()), List.copyOf(families)).tables;
            }
        };
    }

    private static double[][] table(Family family, List<DiscreteVariable> variables, DiscreteTable rows) {
        return ParameterEstimator.countTable(variables.get(family.child()),
                Arrays.stream(family.parents()).mapToObj(variables::get).toList(), rows);
    }

    /** Count tables that add up over blocks and partitions. */
    final class Tables implements EmStatistics<Tables>, Serializable {
        final List<double[][]> tables = new ArrayList<>();

        @Override
        public double objective() {
            return 0;         // counting is one pass, not an iteration
        }

        @Override
        public void merge(Tables other) {
            if (tables.isEmpty()) {
                tables.addAll(other.tables);
                return;
            }
            for (int f = 0; f < tables.size(); f++) {
                double[][] mine = tables.get(f);
                double[][] theirs = other.tables.get(f);
                for (int row = 0; row < mine.length; row++) {
                    for (int state = 0; state < mine[row].length; state++) {
                        mine[row][state] += theirs[row][state];
                    }
                }
            }
        }
    }

    /** A partition's part: every requested family counted over each block of rows. */
    record Counting(org.gen4j.bayesnet.estimators.CaseBlocks layout) implements PartitionStep<List<Family>, double[], Tables> {
        @Override
        public Tables empty(List<Family> families) {
            return new Tables();
        }

        @Override
        public void add(List<Family> families, double[] block, Tables into) {
            DiscreteTable rows = layout.table(block);
            Tables part = new Tables();
            for (Family family : families) {
                part.tables.add(table(family, layout.variables(), rows));
            }
            into.merge(part);
        }
    }
}
