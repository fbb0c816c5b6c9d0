package org.gen4j.nn;

import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * DL4J's updater for a graph, with the division of the gradient by the minibatch folded into {@link FusedAdam}'s
 * pass: DL4J divides the whole gradient in one pass, then, per block, builds views of every parameter to look for
 * regularization and runs the updater (with the subtraction from the parameters, three passes over 0.65 M values
 * and a few dozen views per VAE step; 11 % of it). Where a block uses FusedAdam (or no updater, as batch
 * normalisation's running statistics do) and nothing else acts on the gradient (no regularization, no gradient
 * normalisation), this class runs the block's step itself; anything else is DL4J's path, unchanged. The state is
 * DL4J's own view array, so installing it keeps the state and a saved network trains on either way.
 * <pre>{@code
 * FusedGraphUpdater.install(graph);      // before graph.fit(...)
 * }</pre>
 */
public final class FusedGraphUpdater extends ComputationGraphUpdater {
    private Boolean fused;               // whether every block suits the fused step (decided at the first update)
    private boolean[] divides;           // per block: whether DL4J divides its gradient by the minibatch

    private FusedGraphUpdater(ComputationGraph graph, INDArray state) {
        super(graph, state);
    }

    /** Gives {@code graph} this updater, taking over the state of the one it has (or a fresh one). */
    public static void install(ComputationGraph graph) {
        ComputationGraphUpdater current = graph.getUpdater(true);
        if (!(current instanceof FusedGraphUpdater)) {
            graph.setUpdater(new FusedGraphUpdater(graph, current.getStateViewArray()));
        }
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize, LayerWorkspaceMgr workspaceMgr) {
        if (!fused()) {
            super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
            return;
        }
        step(gradient, null, iteration, epoch, batchSize);
    }

    /**
     * The update, subtracted from {@code params} (the graph's flat parameters) in the same pass: what DL4J's
     * optimizer does after {@link #update} with one more pass over all parameters, an ND4J op of 6 % of a VAE
     * step. The gradient array holds the update afterwards, as after DL4J's. False, with nothing changed, when
     * this graph's updates take DL4J's path.
     */
    synchronized boolean updateAndApply(Gradient gradient, INDArray params, int iteration, int epoch, int batchSize) {
        if (!fused()) {
            return false;
        }
        step(gradient, params.reshape(params.length()), iteration, epoch, batchSize);
        return true;
    }

    private void step(Gradient gradient, INDArray params, int iteration, int epoch, int batchSize) {
        INDArray all = gradient.gradient();
        all = all.reshape(all.length());
        List<UpdaterBlock> blocks = getUpdaterBlocks();
        for (int b = 0; b < blocks.size(); b++) {
            UpdaterBlock block = blocks.get(b);
            INDArray view = all.get(NDArrayIndex.interval(block.getParamOffsetStart(), block.getParamOffsetEnd()));
            INDArray paramView = params == null ? null : params.get(NDArrayIndex.interval(block.getParamOffsetStart(), block.getParamOffsetEnd()));
            double divisor = divides[b] ? batchSize : 1;
            GradientUpdater<?> updater = block.getGradientUpdater();
            if (updater instanceof FusedAdam.Step step && step.applyDivided(view, divisor, paramView, iteration, epoch)) {
                continue;
            }
            if (divisor != 1) {
                view.divi(divisor);
            }
            updater.applyUpdater(view, iteration, epoch);
            if (paramView != null) {
                paramView.subi(view);
            }
        }
    }

    /** Whether the updates run through this class's fused step (false: DL4J's path); decided at the first update. */
    boolean fused() {
        if (fused == null) {
            List<UpdaterBlock> blocks = getUpdaterBlocks();
            for (UpdaterBlock block : blocks) {
                if (block.getGradientUpdater() == null) {
                    block.init();
                }
            }
            divides = new boolean[blocks.size()];
            boolean all = isMiniBatch() && plainGradients(getOrderedLayers());
            for (int b = 0; b < blocks.size() && all; b++) {
                all = suits(blocks.get(b), b);
            }
            fused = all;
        }
        return fused;
    }

    /** No layer normalises or clips its gradient (DL4J's pre-apply step). */
    private static boolean plainGradients(Trainable[] layers) {
        for (Trainable t : layers) {
            TrainingConfig config = t.getConfig();
            if (config != null && t.numParams() > 0 && config.getGradientNormalization() != null
                    && config.getGradientNormalization() != GradientNormalization.None) {
                return false;
            }
        }
        return true;
    }

    /** FusedAdam or no updater, no regularization, and one division rule for every parameter of the block. */
    private boolean suits(UpdaterBlock block, int index) {
        if (!(block.getGradientUpdater() instanceof FusedAdam.Step || block.getGradientUpdater() instanceof NoOpUpdater)) {
            return false;
        }
        List<UpdaterBlock.ParamState> params = block.getLayersAndVariablesInBlock();
        for (int i = 0; i < params.size(); i++) {
            UpdaterBlock.ParamState p = params.get(i);
            List<Regularization> regularization = p.getLayer().getConfig().getRegularizationByParam(p.getParamName());
            boolean divide = p.getLayer().updaterDivideByMinibatch(p.getParamName());
            if ((regularization != null && !regularization.isEmpty()) || (i > 0 && divide != divides[index])) {
                return false;
            }
            divides[index] = divide;
        }
        return true;
    }
}
