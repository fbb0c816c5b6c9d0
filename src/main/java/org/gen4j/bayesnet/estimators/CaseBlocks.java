package org.gen4j.bayesnet.estimators;

import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.List;

/**
 * How the blocks of {@link PartitionedCases} hold their rows: state codes over {@code variables}, row-major, NaN where
 * a value is missing, and, for weighted cases, each row's weight (how many cases it stands for) after its codes.
 * Shipped with each pass to where the blocks are.
 */
public record CaseBlocks(List<DiscreteVariable> variables, boolean weighted) implements Serializable {

    public CaseBlocks {
        variables = List.copyOf(variables);
    }

    /** Values per row. */
    public int width() {
        return variables.size() + (weighted ? 1 : 0);
    }

    /** A block's rows as a table, weighted when the cases are. */
    public DiscreteTable table(double[] block) {
        int width = width();
        int n = block.length / width;
        if (!weighted) {
            return new DiscreteTable(Nd4j.create(block, new long[]{n, width}, 'c'), variables);
        }
        int d = variables.size();
        double[] codes = new double[n * d];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(block, i * width, codes, i * d, d);
            weights[i] = block[i * width + d];
        }
        return new DiscreteTable(Nd4j.create(codes, new long[]{n, d}, 'c'), variables, weights);
    }
}
