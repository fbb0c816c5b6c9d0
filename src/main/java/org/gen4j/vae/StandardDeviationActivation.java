package org.gen4j.vae;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Maps a log-variance to a standard deviation, {@code exp(lv / 2)}: the σ of the reparameterised sample. */
public final class StandardDeviationActivation extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.exp(in.muli(0.5), false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray derivative = Transforms.exp(in.muli(0.5), false).muli(0.5);
        return Pair.of(derivative.muli(epsilon), null);
    }

    @Override
    public String toString() {
        return "exp(x/2)";
    }
}
