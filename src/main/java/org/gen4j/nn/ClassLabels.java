package org.gen4j.nn;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.OneHot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Class labels of conditional models as the networks take them: one-hot rows, checked against the model's classes. */
public final class ClassLabels {
    private ClassLabels() {
    }

    /**
     * @param classes 0 for an unconditional model (which then must get no labels)
     * @param model   how to name the model in messages, e.g. "VAE"
     * @return {@code [n, classes]}, or null for an unconditional model
     */
    public static INDArray oneHot(int[] labels, int classes, long n, String model) {
        if (classes == 0) {
            if (labels != null) {
                throw new Gen4jException("this " + model + " is not conditional: it takes no class labels");
            }
            return null;
        }
        if (labels == null) {
            throw new Gen4jException("this conditional " + model + " needs a class label (0.." + (classes - 1) + ") for every row");
        }
        if (labels.length != n) {
            throw new Gen4jException("got " + labels.length + " labels for " + n + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new Gen4jException("label " + labels[i] + " at row " + i + " is not a class of this model (0.." + (classes - 1) + ")");
            }
        }
        return OneHot.rows(Nd4j.createFromArray(labels), classes, DataType.FLOAT);
    }

    /** The graph inputs: {@code first} and, for a conditional model, the one-hot labels. */
    public static INDArray[] inputs(INDArray first, INDArray oneHot) {
        // the classes go in as the network's type, which is the type of its other input
        return oneHot == null ? new INDArray[]{first} : new INDArray[]{first, oneHot.castTo(first.dataType())};
    }
}
