package org.gen4j.bayesnet;

import org.gen4j.bayesnet.factors.Factor;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * P(child | parents) as a tensor with one axis per parent (in the given order) and the child's axis last: each
 * "row" (a fixed parent configuration) is a distribution over the child's states.
 *
 * @param values {@code [|p1|, ..., |pm|, |child|]}
 */
public record ConditionalProbabilityTable(DiscreteVariable child, List<DiscreteVariable> parents, INDArray values)
        implements java.io.Serializable {
    /** How far a row may be from summing to 1 (files round their numbers, e.g. sachs to ~1e-7). */
    public static final double TOLERANCE = 1e-5;

    public ConditionalProbabilityTable {
        parents = List.copyOf(parents);
        long[] expected = new long[parents.size() + 1];
        for (int i = 0; i < parents.size(); i++) {
            expected[i] = parents.get(i).cardinality();
        }
        expected[parents.size()] = child.cardinality();
        if (!Arrays.equals(expected, values.shape())) {
            throw new Gen4jException("the table of '" + child.name() + "' has shape " + Arrays.toString(values.shape())
                    + ", expected " + Arrays.toString(expected) + " (parents then child)");
        }
        double[][] rows = values.castTo(DataType.DOUBLE).reshape(values.length() / child.cardinality(), child.cardinality())
                .toDoubleMatrix();
        for (int r = 0; r < rows.length; r++) {
            double sum = 0;
            for (double v : rows[r]) {
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new Gen4jException("the table of '" + child.name() + "' has the value " + v + " in row " + r);
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > TOLERANCE) {
                throw new Gen4jException("row " + r + " of the table of '" + child.name() + "' (parents "
                        + parentNames(parents) + ") sums to " + String.format("%.6g", sum) + ", not 1");
            }
            // rows written with rounded numbers are made exact, so that every inference sees one distribution;
            // rows already exact up to rounding are left bit for bit
            if (Math.abs(sum - 1) > 1e-12) {
                for (int c = 0; c < rows[r].length; c++) {
                    rows[r][c] /= sum;
                }
            }
        }
        values = org.nd4j.linalg.factory.Nd4j.createFromArray(rows).reshape(values.shape());
    }

    /** The table as a factor over (parents..., child). */
    public Factor toFactor() {
        List<DiscreteVariable> scope = new ArrayList<>(parents);
        scope.add(child);
        return new Factor(scope, values);
    }

    /** Number of parent configurations q. */
    public int parentConfigurations() {
        int q = 1;
        for (DiscreteVariable p : parents) {
            q *= p.cardinality();
        }
        return q;
    }

    /** The table as {@code [q, |child|]}, parent configurations in row-major order (first parent slowest). */
    public INDArray rows() {
        return values.reshape(parentConfigurations(), child.cardinality());
    }

    /** Free parameters: q (|child| − 1). */
    public long parameterCount() {
        return (long) parentConfigurations() * (child.cardinality() - 1);
    }

    static List<String> parentNames(List<DiscreteVariable> parents) {
        return parents.stream().map(DiscreteVariable::name).toList();
    }
}
