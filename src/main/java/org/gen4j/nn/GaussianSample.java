package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.gen4j.kernels.ElementwiseKernels;
import org.gen4j.kernels.VectorElementwise;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The running vertex of {@link GaussianSampleVertex}: forward {@code z = μ + σ ε} with {@code σ = exp(lv / 2)};
 * backward {@code dμ = dz}, {@code dlv = dz · ε · σ / 2}, {@code dε = dz · σ}. Plain Java on one copy of the few
 * thousand values where the arrays suit {@link ElementwiseKernels}, ND4J operations otherwise.
 */
final class GaussianSample extends BaseGraphVertex {
    private final int latent;

    GaussianSample(ComputationGraph graph, String name, int index, int latent, DataType dataType) {
        super(graph, name, index, null, null, dataType);
        this.latent = latent;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("Gaussian sample " + vertexName + ": inputs not set");
        }
        INDArray parameters = inputs[0], noise = noise(parameters);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, parameters.dataType(), noise.shape(), 'c');
        if (suit(parameters, noise, z)) {
            int n = (int) z.length();
            double[] p = read(parameters, 2 * n), e = read(noise, n), out = new double[n];
            for (int i = 0, rows = n / latent; i < rows; i++) {
                for (int j = 0; j < latent; j++) {
                    int at = i * latent + j, mean = 2 * i * latent + j;
                    out[at] = p[mean] + Math.exp(0.5 * p[mean + latent]) * e[at];
                }
            }
            ElementwiseKernels.Values.of(z).writeAll(out, n);
            return z;
        }
        z.assign(Transforms.exp(logVariance(parameters).mul(0.5), false).muli(noise).addi(mean(parameters)));
        return z;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("Gaussian sample " + vertexName + ": gradient not set");
        }
        INDArray parameters = inputs[0], noise = noise(parameters), dz = epsilon.castTo(parameters.dataType());
        INDArray parameterGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, parameters.dataType(), parameters.shape(), 'c');
        INDArray noiseGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, parameters.dataType(), noise.shape(), 'c');
        if (suit(parameters, noise, dz, parameterGradient, noiseGradient) && Arrays.equals(dz.shape(), noise.shape())) {
            int n = (int) noise.length();
            double[] p = read(parameters, 2 * n), e = read(noise, n), d = read(dz, n);
            double[] dp = new double[2 * n], de = new double[n];
            for (int i = 0, rows = n / latent; i < rows; i++) {
                for (int j = 0; j < latent; j++) {
                    int at = i * latent + j, mean = 2 * i * latent + j;
                    double sigma = Math.exp(0.5 * p[mean + latent]);
                    dp[mean] = d[at];
                    dp[mean + latent] = 0.5 * d[at] * e[at] * sigma;
                    de[at] = d[at] * sigma;
                }
            }
            ElementwiseKernels.Values.of(parameterGradient).writeAll(dp, 2 * n);
            ElementwiseKernels.Values.of(noiseGradient).writeAll(de, n);
        } else {
            INDArray sigma = Transforms.exp(logVariance(parameters).mul(0.5), false);
            mean(parameterGradient).assign(dz);
            logVariance(parameterGradient).assign(dz.mul(noise).muli(sigma).muli(0.5));
            noiseGradient.assign(dz.mul(sigma));
        }
        return new Pair<>(null, new INDArray[]{parameterGradient, noiseGradient});
    }

    /** The noise input, checked against the parameters: [b, L] beside [b, 2L]. */
    private INDArray noise(INDArray parameters) {
        INDArray noise = inputs[1];
        if (parameters.rank() != 2 || noise.rank() != 2 || parameters.columns() != 2L * latent || noise.columns() != latent
                || noise.rows() != parameters.rows()) {
            throw new IllegalStateException("Gaussian sample " + vertexName + " of " + latent + " dimensions needs [b, "
                    + 2 * latent + "] parameters and [b, " + latent + "] noise, got " + Arrays.toString(parameters.shape())
                    + " and " + Arrays.toString(noise.shape()));
        }
        return noise.castTo(parameters.dataType());
    }

    private static boolean suit(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (!ElementwiseKernels.suit(a) || !ElementwiseKernels.denseRowMajor(a) || a.dataType() != arrays[0].dataType()) {
                return false;
            }
        }
        return true;
    }

    private static double[] read(INDArray a, int n) {
        double[] values = new double[VectorElementwise.wholeVectors(n)];
        ElementwiseKernels.Values.of(a).readAll(values, n);
        return values;
    }

    private INDArray mean(INDArray parameters) {
        return parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
    }

    private INDArray logVariance(INDArray parameters) {
        return parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        if (view != null) {
            throw new IllegalStateException("a Gaussian sample has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
        return masks == null || masks.length == 0 ? null : new Pair<>(masks[0], state);
    }

    @Override
    public String toString() {
        return "GaussianSample(name=\"" + vertexName + "\", latent=" + latent + ")";
    }
}
