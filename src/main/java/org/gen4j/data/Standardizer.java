package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Centres each column to mean 0 and scales it to standard deviation 1, with the statistics of the data it was
 * fitted on (fit on training data, apply to test data).
 *
 * <pre>{@code
 * Standardizer scaler = Standardizer.fit(train);
 * INDArray z = scaler.transform(test.features());   // [n, d]
 * }</pre>
 */
public final class Standardizer {
    private final INDArray mean;   // [1, d]
    private final INDArray std;    // [1, d]

    private Standardizer(INDArray mean, INDArray std) {
        this.mean = mean;
        this.std = std;
    }

    /** Fits on a table; a constant column is an error naming the column, since it cannot be scaled. */
    public static Standardizer fit(Table table) {
        INDArray x = table.features();
        INDArray mean = x.mean(true, 0);
        INDArray std = x.std(false, true, 0);
        List<String> columns = table.columns();
        for (int j = 0; j < columns.size(); j++) {
            if (std.getDouble(0, j) == 0) {
                throw new Gen4jException("column '" + columns.get(j) + "' of " + table.source()
                        + " is constant; it cannot be standardised (drop it with --columns)");
            }
        }
        return new Standardizer(mean, std);
    }

    /** @param x {@code [n, d]}  @return {@code [n, d]} standardised copy */
    public INDArray transform(INDArray x) {
        return x.subRowVector(mean.castTo(x.dataType())).diviRowVector(std.castTo(x.dataType()));
    }

    public Table transform(Table table) {
        return new Table(transform(table.features()), table.columns(), table.labels().orElse(null), table.source() + " (standardised)");
    }

    /** @param z {@code [n, d]} standardised values  @return {@code [n, d]} in the original units */
    public INDArray inverse(INDArray z) {
        return z.mulRowVector(std.castTo(z.dataType())).addiRowVector(mean.castTo(z.dataType()));
    }

    /** @return {@code [1, d]} */
    public INDArray mean() {
        return mean.dup();
    }

    /** @return {@code [1, d]} population standard deviations */
    public INDArray std() {
        return std.dup();
    }
}
