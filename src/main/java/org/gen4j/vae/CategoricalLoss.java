package org.gen4j.vae;

import org.gen4j.data.OneHotTable;
import org.gen4j.nn.ObservationLoss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * A categorical likelihood per column for discrete tables: the data is one-hot encoded column by column
 * ({@link OneHotTable}), the decoder outputs one logit per category, and
 * {@code log p(x | z) = sum_j log softmax(logits of column j)[observed category of column j]}.
 */
public final class CategoricalLoss extends ObservationLoss {
    private int[] categories;

    /** For Jackson (DL4J serialises losses inside network configurations). */
    public CategoricalLoss() {
        this(new int[]{2});
    }

    /** @param categories the number of categories of each column, in order */
    public CategoricalLoss(int[] categories) {
        if (categories.length == 0 || Arrays.stream(categories).anyMatch(k -> k < 2)) {
            throw new IllegalArgumentException("every column needs at least 2 categories, got " + Arrays.toString(categories));
        }
        this.categories = categories.clone();
    }

    public int[] getCategories() {
        return categories.clone();
    }

    public void setCategories(int[] categories) {
        this.categories = categories.clone();
    }

    @Override
    public int outputsPerFeature() {
        return 1;
    }

    @Override
    public INDArray logProb(INDArray x, INDArray logits) {
        requireMatchingShapes(x, logits, 1);
        INDArray total = Nd4j.zeros(logits.dataType(), logits.rows());
        int start = 0;
        for (int k : categories) {
            INDArray block = block(logits, start, k);
            INDArray observed = block(x, start, k).castTo(logits.dataType());
            total.addi(observed.mul(block).sum(1).subi(logSumExp(block)));
            start += k;
        }
        return total;
    }

    @Override
    protected INDArray negLogProbGradient(INDArray x, INDArray logits) {
        INDArray gradient = mean(logits);
        return gradient.subi(x.castTo(logits.dataType()));
    }

    /** Category probabilities, column block by column block. */
    @Override
    public INDArray mean(INDArray logits) {
        INDArray out = Nd4j.create(logits.dataType(), logits.shape());
        int start = 0;
        for (int k : categories) {
            INDArray block = block(logits, start, k);
            INDArray shifted = Transforms.exp(block.subColumnVector(block.max(1).reshape(block.rows(), 1)), false);
            block(out, start, k).assign(shifted.diviColumnVector(shifted.sum(1).reshape(block.rows(), 1)));
            start += k;
        }
        return out;
    }

    /** One category per column drawn from its probabilities, one-hot encoded. */
    @Override
    public INDArray sample(INDArray logits, Random random) {
        INDArray probabilities = mean(logits);
        INDArray out = Nd4j.zeros(logits.dataType(), logits.shape());
        INDArray uniform = Nd4j.rand(Nd4j.create(logits.dataType(), logits.rows(), categories.length), random);
        int start = 0;
        for (int j = 0; j < categories.length; j++) {
            INDArray cumulative = block(probabilities, start, categories[j]).cumsum(1);
            for (int i = 0; i < logits.rows(); i++) {
                double u = uniform.getDouble(i, j);
                int c = 0;
                while (c < categories[j] - 1 && cumulative.getDouble(i, c) < u) {
                    c++;
                }
                out.putScalar(i, start + c, 1.0);
            }
            start += categories[j];
        }
        return out;
    }

    private static INDArray block(INDArray rows, int start, int width) {
        return rows.get(NDArrayIndex.all(), NDArrayIndex.interval(start, start + width));
    }

    private static INDArray logSumExp(INDArray block) {
        INDArray max = block.max(1);
        INDArray shifted = Transforms.exp(block.subColumnVector(max.reshape(block.rows(), 1)), false);
        return Transforms.log(shifted.sum(1), false).addi(max);
    }

    @Override
    public String name() {
        return "categorical";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalLoss c && Arrays.equals(c.categories, categories);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(categories);
    }

    @Override
    public String toString() {
        return "Categorical" + Arrays.toString(categories);
    }
}
