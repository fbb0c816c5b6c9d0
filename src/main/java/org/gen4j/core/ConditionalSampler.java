package org.gen4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model that generates data of a chosen class (conditional VAEs and GANs).
 *
 * <pre>{@code
 * INDArray sevens = cgan.sample(16, 42, 7);
 * INDArray mixed = ConditionalSampler.balanced(cgan, 1000, 42);     // 100 of each of 10 classes, in class order
 * }</pre>
 */
public interface ConditionalSampler {

    /** How many classes the model knows; 0 when it is not conditional. */
    int classes();

    /** {@code n} samples of class {@code label}. */
    INDArray sample(int n, long seed, int label);

    /** About {@code n} samples spread evenly over the classes ({@code ceil(n / classes)} each), in class order. */
    static INDArray balanced(ConditionalSampler model, int n, long seed) {
        int classes = model.classes();
        if (classes < 1) {
            throw new Gen4jException("the model is not conditional");
        }
        int each = (n + classes - 1) / classes;
        INDArray[] parts = new INDArray[classes];
        for (int c = 0; c < classes; c++) {
            parts[c] = model.sample(each, seed + c, c);
        }
        return Nd4j.concat(0, parts);
    }
}
