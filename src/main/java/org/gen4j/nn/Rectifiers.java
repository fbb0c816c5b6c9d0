package org.gen4j.nn;

import org.gen4j.kernels.ElementwiseKernels;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which activations are plain rectifiers, whose derivative is 1 above zero and a constant slope below, and their
 * backward pass through {@link ElementwiseKernels} (libnd4j's {@code relu_bp} / {@code lrelu_bp} took 4-7 % of VAE
 * and DCGAN steps).
 */
final class Rectifiers {
    private Rectifiers() {
    }

    /** The slope below zero of a plain ReLU (0) or leaky ReLU (alpha); null for anything else, a capped ReLU too. */
    static Double negativeSlope(IActivation activation) {
        if (activation instanceof ActivationLReLU leaky) {
            return leaky.getAlpha();
        }
        if (activation instanceof ActivationReLU relu && relu.getMax() == null && isZeroOrUnset(relu.getThreshold())
                && isZeroOrUnset(relu.getNegativeSlope())) {
            return 0.0;
        }
        return null;
    }

    /** {@link #negativeSlope}, and 1 for no activation at all (identity): what a fused forward pass applies. */
    static Double slopeOrIdentity(IActivation activation) {
        return activation instanceof org.nd4j.linalg.activations.impl.ActivationIdentity ? Double.valueOf(1.0) : negativeSlope(activation);
    }

    /** dL/dz from dL/da = ε, written into z (as DL4J's activations do into their input). @return dL/dz */
    static INDArray backprop(IActivation activation, INDArray z, INDArray epsilon) {
        Double slope = negativeSlope(activation);
        if (slope != null && ElementwiseKernels.wherePositive(z, epsilon, slope, z)) {
            return z;
        }
        return activation.backprop(z, epsilon).getFirst();
    }

    private static boolean isZeroOrUnset(Double value) {
        return value == null || value == 0.0;
    }
}
