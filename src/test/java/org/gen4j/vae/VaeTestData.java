package org.gen4j.vae;

import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/** The bundled 8x8 digits scaled to [0, 1], split into the first 1500 rows (train) and the last 297 (test). */
final class VaeTestData {
    static final int TRAIN_ROWS = 1500;
    static final INDArray ALL;
    static final int[] LABELS;

    static {
        Table digits = Datasets.load("digits");
        ALL = digits.features().div(16.0);
        LABELS = Arrays.stream(digits.labels().orElseThrow()).mapToInt(Integer::parseInt).toArray();
    }

    private VaeTestData() {
    }

    static INDArray train() {
        return ALL.get(NDArrayIndex.interval(0, TRAIN_ROWS), NDArrayIndex.all());
    }

    static INDArray test() {
        return ALL.get(NDArrayIndex.interval(TRAIN_ROWS, ALL.rows()), NDArrayIndex.all());
    }

    static int[] trainLabels() {
        return Arrays.copyOfRange(LABELS, 0, TRAIN_ROWS);
    }

    static int[] testLabels() {
        return Arrays.copyOfRange(LABELS, TRAIN_ROWS, LABELS.length);
    }
}
