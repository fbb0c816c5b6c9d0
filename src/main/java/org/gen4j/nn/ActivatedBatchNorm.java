package org.gen4j.nn;

import org.deeplearning4j.nn.api.Layer.TrainingMode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The running layer of {@link ActivatedBatchNormalization}. A forward pass keeps its batch statistics and its
 * pre-activations (in the activations workspace) for the backward pass on the same input. The running mean and
 * variance move as in DL4J: through their "gradients", which the updater subtracts.
 */
final class ActivatedBatchNorm extends org.deeplearning4j.nn.layers.normalization.BatchNormalization {
    private static final double ONE_ON_2_LN_10 = 1 / (2 * Math.log(10));

    /** A forward pass: its input, mode and statistics (null on DL4J's path), and z when an activation follows. */
    private record Pass(INDArray input, boolean training, Statistics statistics, INDArray preActivations) {
    }

    /** @param mean {@code [c]} @param variance {@code [c]} without eps @param std {@code [c]} √(variance + eps) */
    private record Statistics(INDArray mean, INDArray variance, INDArray std) {
    }

    private Pass kept;

    ActivatedBatchNorm(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean ownPath(INDArray x) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        boolean images = x.rank() == 4 && c.getCnn2DFormat() == CNN2DFormat.NCHW;
        return (x.rank() == 2 || images) && !c.isLockGammaBeta() && c.isMinibatch();
    }

    private IActivation activation() {
        IActivation fn = layerConf().getActivationFn();
        return fn instanceof ActivationIdentity ? null : fn;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        kept = null;
        Statistics statistics = null;
        INDArray z;
        if (ownPath(input)) {
            INDArray x = rowMajor(input.castTo(dataType));
            statistics = training ? batchStatistics(x, workspaceMgr) : runningStatistics(workspaceMgr);
            z = normalize(x, statistics, workspaceMgr);
        } else {
            z = super.preOutput(input, training ? TrainingMode.TRAIN : TrainingMode.TEST, workspaceMgr);
        }
        IActivation activation = activation();
        kept = new Pass(input, training, statistics, activation == null ? null : workspaceMgr.dup(ArrayType.ACTIVATIONS, z));
        return activation == null ? z : activation.getActivation(z, training);   // in place on z
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Pass pass = kept != null && kept.input() == input ? kept : null;
        kept = null;
        if (pass == null) {             // no forward pass on this input: training is what a backward pass means here
            activate(true, workspaceMgr);
            pass = kept;
            kept = null;
        }
        INDArray delta = pass.preActivations() == null ? epsilon
                : Rectifiers.backprop(activation(), pass.preActivations(), epsilon);       // dL/dz
        if (pass.statistics() == null) {
            return super.backpropGradient(delta, workspaceMgr);
        }
        return backward(rowMajor(input.castTo(dataType)), rowMajor(delta.castTo(dataType)), pass, workspaceMgr);
    }

    private static INDArray rowMajor(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    private Statistics batchStatistics(INDArray x, LayerWorkspaceMgr workspaceMgr) {
        INDArray[] moments = ChannelLayout.of(x).meansAndVariances(x);
        INDArray mean = moments[0], variance = moments[1];
        INDArray std = Transforms.sqrt(variance.add(layerConf().getEps()), false);
        return new Statistics(workspaceMgr.dup(ArrayType.ACTIVATIONS, mean), workspaceMgr.dup(ArrayType.ACTIVATIONS, variance),
                workspaceMgr.dup(ArrayType.ACTIVATIONS, std));
    }

    /** The running estimates, as DL4J's layer uses them outside training. */
    private Statistics runningStatistics(LayerWorkspaceMgr workspaceMgr) {
        INDArray mean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray variance = layerConf().isUseLogStd()
                ? varianceOfLogStd(getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD))
                : getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).dup();
        INDArray std = Transforms.sqrt(variance.add(layerConf().getEps()), false);
        return new Statistics(workspaceMgr.dup(ArrayType.ACTIVATIONS, mean.reshape(mean.length())),
                workspaceMgr.dup(ArrayType.ACTIVATIONS, variance.reshape(variance.length())),
                workspaceMgr.dup(ArrayType.ACTIVATIONS, std.reshape(std.length())));
    }

    /** σ² = (10^log10 σ)² */
    private static INDArray varianceOfLogStd(INDArray log10Std) {
        return Transforms.exp(log10Std.mul(2 * Math.log(10)), false);
    }

    /** z = γ (x − μ) / σ + β, as one scale and shift per channel. */
    private INDArray normalize(INDArray x, Statistics s, LayerWorkspaceMgr workspaceMgr) {
        INDArray gamma = getParam(BatchNormalizationParamInitializer.GAMMA).reshape(s.std().length());
        INDArray beta = getParam(BatchNormalizationParamInitializer.BETA).reshape(s.std().length());
        INDArray scale = gamma.div(s.std());
        INDArray shift = beta.sub(s.mean().mul(scale));
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        return ChannelLayout.of(x).scaleAndShift(x, scale, shift, z);
    }

    /**
     * dL/dγ = Σ δ x̂, dL/dβ = Σ δ, and dL/dx: after a training pass (batch statistics) γ/σ (δ − mean δ − x̂ mean(δ x̂)),
     * after an inference pass (fixed statistics) γ/σ δ.
     */
    private Pair<Gradient, INDArray> backward(INDArray x, INDArray delta, Pass pass, LayerWorkspaceMgr workspaceMgr) {
        Statistics s = pass.statistics();
        ChannelLayout layout = ChannelLayout.of(x);
        double[][] sums = layout.channelSums(delta, x);
        if (sums != null) {
            return backwardByKernels(x, delta, pass, layout, sums, workspaceMgr);
        }
        INDArray inverseStd = s.std().rdiv(1.0);
        INDArray xHat = layout.scaleAndShift(x, inverseStd, s.mean().mul(inverseStd).negi(),
                workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(), x.shape(), 'c'));
        INDArray dBeta = layout.sums(delta);
        INDArray dGamma = layout.sums(delta.mul(xHat));
        INDArray gamma = getParam(BatchNormalizationParamInitializer.GAMMA).reshape(s.std().length());
        INDArray a = gamma.mul(inverseStd);
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(), delta.shape(), 'c');
        if (pass.training()) {
            double m = layout.countPerChannel(x);
            layout.scaleAndShift(delta, a, a.mul(dBeta).muli(-1 / m), inputGradient);
            inputGradient.addi(layout.scaleAndShift(xHat, a.mul(dGamma).muli(-1 / m), null, xHat));
        } else {
            layout.scaleAndShift(delta, a, null, inputGradient);
        }
        Gradient gradient = new DefaultGradient();
        put(gradient, BatchNormalizationParamInitializer.GAMMA, dGamma);
        put(gradient, BatchNormalizationParamInitializer.BETA, dBeta);
        runningStatisticsSteps(gradient, pass.training() ? s : null);
        return new Pair<>(gradient, inputGradient);
    }

    /**
     * {@link #backward} from the per-channel sums Σδ and Σδx, with x̂ = (x − μ)/σ never formed: dL/dγ = (Σδx − μΣδ)/σ,
     * and dL/dx = δ·γ/σ + x·Q + R, one SIMD pass, with Q and R per channel from the formula there.
     */
    private Pair<Gradient, INDArray> backwardByKernels(INDArray x, INDArray delta, Pass pass, ChannelLayout layout,
                                                       double[][] sums, LayerWorkspaceMgr workspaceMgr) {
        Statistics s = pass.statistics();
        double[] mean = s.mean().toDoubleVector(), std = s.std().toDoubleVector();
        double[] gamma = getParam(BatchNormalizationParamInitializer.GAMMA).toDoubleVector();
        double[] dBeta = sums[0], deltaTimesX = sums[1];
        int channels = mean.length;
        double m = layout.countPerChannel(x);
        double[] dGamma = new double[channels], a = new double[channels], q = new double[channels], r = new double[channels];
        for (int c = 0; c < channels; c++) {
            double inverseStd = 1 / std[c];
            dGamma[c] = (deltaTimesX[c] - mean[c] * dBeta[c]) * inverseStd;
            a[c] = gamma[c] * inverseStd;
            if (pass.training()) {
                // a (δ − dβ/m − x̂ dγ/m) with x̂ = (x − μ)/σ, gathered as δ a + x q + r
                q[c] = -a[c] * dGamma[c] * inverseStd / m;
                r[c] = -a[c] * dBeta[c] / m + mean[c] * inverseStd * a[c] * dGamma[c] / m;
            }
        }
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(), delta.shape(), 'c');
        layout.channelAffine(delta, a, pass.training() ? x : null, pass.training() ? q : null, r, inputGradient);
        Gradient gradient = new DefaultGradient();
        put(gradient, BatchNormalizationParamInitializer.GAMMA, Nd4j.createFromArray(dGamma).castTo(x.dataType()));
        put(gradient, BatchNormalizationParamInitializer.BETA, Nd4j.createFromArray(dBeta).castTo(x.dataType()));
        runningStatisticsSteps(gradient, pass.training() ? s : null);
        return new Pair<>(gradient, inputGradient);
    }

    private void put(Gradient gradient, String key, INDArray value) {
        INDArray view = gradientViews.get(key);
        view.assign(value.reshape(view.shape()));
        gradient.setGradientFor(key, view);
    }

    /**
     * The running estimates' "gradients", which the updater subtracts: (1 − decay)(running − batch) for the mean,
     * and log10 σ_t − log10 σ_t+1 (or the variance's difference) for the spread, as in DL4J. None after an
     * inference pass ({@code batch} null): the estimates stay.
     */
    private void runningStatisticsSteps(Gradient gradient, Statistics batch) {
        double decay = layerConf().getDecay();
        INDArray runningMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        String spreadKey = layerConf().isUseLogStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                : BatchNormalizationParamInitializer.GLOBAL_VAR;
        if (batch == null) {
            put(gradient, BatchNormalizationParamInitializer.GLOBAL_MEAN, runningMean.mul(0));
            put(gradient, spreadKey, getParam(spreadKey).mul(0));
            return;
        }
        INDArray batchMean = batch.mean().reshape(runningMean.shape());
        INDArray batchVariance = batch.variance().reshape(runningMean.shape());
        put(gradient, BatchNormalizationParamInitializer.GLOBAL_MEAN, runningMean.sub(batchMean).muli(1 - decay));
        INDArray spread = getParam(spreadKey);
        if (layerConf().isUseLogStd()) {
            INDArray variance = varianceOfLogStd(spread);
            INDArray next = variance.mul(decay).addi(batchVariance.mul(1 - decay));
            put(gradient, spreadKey, Transforms.log(variance.divi(next), false).muli(ONE_ON_2_LN_10));
        } else {
            put(gradient, spreadKey, spread.sub(batchVariance).muli(1 - decay));
        }
    }
}
