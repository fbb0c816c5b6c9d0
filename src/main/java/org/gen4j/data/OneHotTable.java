package org.gen4j.data;

import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * A discrete table as a VAE with a categorical likelihood takes it: each column one-hot encoded, blocks side by side.
 *
 * <pre>{@code
 * OneHotTable rows = OneHotTable.of(DiscreteTable.readCsv(path, null));
 * VaeArchitecture a = VaeArchitecture.mlp(rows.width()).categories(rows.categories()).build();
 * }</pre>
 */
public record OneHotTable(INDArray rows, int[] categories, List<DiscreteVariable> variables) {

    public static OneHotTable of(DiscreteTable table) {
        table.requireComplete("a categorical VAE's data");
        List<DiscreteVariable> variables = table.variables();
        int[] categories = variables.stream().mapToInt(DiscreteVariable::cardinality).toArray();
        int width = java.util.Arrays.stream(categories).sum();
        INDArray rows = Nd4j.zeros(DataType.FLOAT, table.rows(), width);
        int start = 0;
        for (int j = 0; j < categories.length; j++) {
            int[] codes = table.columnCodes(j);
            for (int i = 0; i < codes.length; i++) {
                rows.putScalar(i, start + codes[i], 1.0);
            }
            start += categories[j];
        }
        return new OneHotTable(rows, categories, variables);
    }

    public int width() {
        return (int) rows.columns();
    }

    /** Back from one-hot (or probability) rows to state codes: the largest entry of each block. */
    public static DiscreteTable decode(INDArray oneHot, List<DiscreteVariable> variables) {
        INDArray codes = Nd4j.create(DataType.DOUBLE, oneHot.rows(), variables.size());
        int start = 0;
        for (int j = 0; j < variables.size(); j++) {
            int k = variables.get(j).cardinality();
            INDArray block = oneHot.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + k));
            codes.getColumn(j).assign(Nd4j.argMax(block, 1).castTo(DataType.DOUBLE));
            start += k;
        }
        return new DiscreteTable(codes, variables);
    }
}
