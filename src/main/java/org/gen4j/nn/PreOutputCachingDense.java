package org.gen4j.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.gen4j.kernels.ChannelKernels;
import org.gen4j.kernels.ColumnMajorProducts;
import org.gen4j.kernels.ElementwiseKernels;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The running layer of {@link PreOutputCachingDenseLayer}: a forward pass keeps a copy of its
 * pre-activations (in the activations workspace, which lives until the backward pass), and the backward pass uses
 * it instead of recomputing them, when it follows that forward pass on the same input.
 */
final class PreOutputCachingDense extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer
        implements NetworkInputGradients.Skippable {
    private final KeptForwardPass kept = new KeptForwardPass();   // z of the last forward pass
    private boolean inputGradientSkipped;
    boolean lastBackwardReused;          // whether the last backward pass used the cached z (for tests)

    PreOutputCachingDense(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Dropout, weight noise and layer normalisation change what the backward pass needs: DL4J's path for those. */
    private boolean plainDense() {
        return layerConf().getIDropout() == null && layerConf().getWeightNoise() == null && !hasLayerNorm();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        kept.clear();
        if (!plainDense()) {
            return super.activate(training, workspaceMgr);
        }
        // kept after inference-mode passes too: a frozen layer that passes gradients on (FrozenLayerWithBackprop,
        // the discriminator inside a GAN's generator step) runs its forward pass in inference mode
        INDArray activations = fusedForward(training, workspaceMgr);
        if (activations == null) {
            INDArray z = plainPreOutput(training, workspaceMgr, true);
            kept.keep(workspaceMgr, z, input, null, null);
            activations = layerConf().getActivationFn().getActivation(z, training);   // in place on z
        }
        if (maskArray != null) {
            applyMask(activations);
        }
        return activations;
    }

    /**
     * z = x W + b as DL4J computes it, but with no copy of a row-major x (DL4J's {@code mmul} makes one: 4 % of a
     * VAE step, measured), and row-major: computed as zᵀ = Wᵀ xᵀ into a column-major {@code [nOut, b]}, whose
     * transpose is z. Row-major is the layout of the data batch, of the losses' targets and of the gradients that
     * come back from the next layer, so the element-by-element passes meet arrays of one layout.
     */
    /**
     * x W, then bias, kept copy and rectifier in one pass ({@link ElementwiseKernels#denseOutput}) for layers with a
     * bias and a plain (leaky) ReLU or no activation; null for the rest, which take {@link #plainPreOutput} as before.
     */
    private INDArray fusedForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Double slope = Rectifiers.slopeOrIdentity(layerConf().getActivationFn());
        if (slope == null || !hasBias() || maskArray != null || input == null || input.rank() != 2
                || input.size(1) != getParam(DefaultParamInitializer.WEIGHT_KEY).size(0)) {
            return null;
        }
        INDArray z = plainPreOutput(training, workspaceMgr, false);
        INDArray pre = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, z.dataType(), z.shape(), 'c');
        INDArray bias = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr);
        if (!ElementwiseKernels.denseOutput(z, bias, slope, pre)) {
            z.addiRowVector(bias);                                    // the arrays do not suit the kernels
            kept.keep(workspaceMgr, z, input, null, null);
            return layerConf().getActivationFn().getActivation(z, training);
        }
        kept.keepCopy(pre, input, null, null);
        return z;
    }

    private INDArray plainPreOutput(boolean training, LayerWorkspaceMgr workspaceMgr, boolean addBias) {
        INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        if (input == null || input.rank() != 2 || input.size(1) != weights.size(0)) {
            return preOutput(training, workspaceMgr);                  // DL4J's path, and its error for bad input
        }
        INDArray x = input.castTo(weights.dataType());
        INDArray zTransposed = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), new long[]{weights.size(1), x.size(0)}, 'f');
        ColumnMajorProducts.into(weights, true, x, true, zTransposed);
        INDArray z = zTransposed.transpose();                                       // [b, nOut], row-major
        if (addBias && hasBias()) {
            z.addiRowVector(getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr));
        }
        return z;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        KeptForwardPass.Pass pass = kept.take(input);
        lastBackwardReused = pass != null;
        if (!lastBackwardReused) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray z = pass.preActivations();
        INDArray delta = Rectifiers.backprop(layerConf().getActivationFn(), z, epsilon);                                  // dL/dz, [b, nOut]
        if (maskArray != null) {
            applyMask(delta);
        }
        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray x = input.castTo(weightGradient.dataType());
        ColumnMajorProducts.into(x, true, delta, false, weightGradient);                               // xᵀ δ
        if (hasBias()) {
            INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            double[][] sums = ChannelKernels.columnSums(delta, null);                  // Σ over the rows, in float64
            if (sums != null && ElementwiseKernels.suit(biasGradient) && biasGradient.dataType() == delta.dataType()) {
                ElementwiseKernels.Values.of(biasGradient).writeAll(sums[0], (int) biasGradient.length());
            } else {
                delta.sum(biasGradient, 0);
            }
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        if (inputGradientSkipped) {
            return new Pair<>(gradient, null);
        }
        // δ Wᵀ, written as (W δᵀ)ᵀ into a column-major buffer: the layout DL4J's own dense layer hands back
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[]{weights.size(0), delta.size(0)}, 'f');
        ColumnMajorProducts.into(weights, false, delta, true, inputGradient);
        inputGradient = inputGradient.transpose();
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    @Override
    public void skipInputGradient(boolean skip) {
        inputGradientSkipped = skip;
    }
}
