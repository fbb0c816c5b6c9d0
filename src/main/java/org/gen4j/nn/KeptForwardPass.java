package org.gen4j.nn;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a gen4j layer keeps of its forward pass for the backward pass that follows it: a copy of the pre-activations
 * (in the activations workspace, alive until the backward pass) and whatever else the layer's backward pass reads.
 * It is handed over once, and only to a backward pass on the same input.
 */
final class KeptForwardPass {
    /** @param unrolled the layer's own intermediate (unrolled input rows), or null @param padding or null */
    record Pass(INDArray preActivations, INDArray unrolled, int[] padding) {
    }

    private Pass pass;
    private INDArray input;

    /** Keeps a copy of z (before the activation is applied to it in place) with the rest of the pass. */
    void keep(LayerWorkspaceMgr workspaceMgr, INDArray z, INDArray input, INDArray unrolled, int[] padding) {
        this.pass = new Pass(workspaceMgr.dup(ArrayType.ACTIVATIONS, z), unrolled, padding);
        this.input = input;
    }

    /** Keeps {@code preActivations} itself: a copy the caller made (in the activations workspace). */
    void keepCopy(INDArray preActivations, INDArray input, INDArray unrolled, int[] padding) {
        this.pass = new Pass(preActivations, unrolled, padding);
        this.input = input;
    }

    /** The kept pass if it was made from this input (null otherwise); forgotten either way. */
    Pass take(INDArray currentInput) {
        Pass kept = input == currentInput ? pass : null;
        clear();
        return kept;
    }

    void clear() {
        pass = null;
        input = null;
    }
}
