package org.gen4j.nn;

import org.gen4j.kernels.ElementwiseKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Map;

/**
 * DL4J's {@link Adam}, with each step computed in one SIMD pass over the parameters (see {@link ElementwiseKernels})
 * where libnd4j's {@code adam_updater} took 14 % of a VAE training step. The configuration, the state (m then v
 * in the updater view) and the step are DL4J's, so a network saved with one trains on with the other; in a JVM
 * without the vector kernels the step is DL4J's own. gen4j's graphs use it in place of a plain {@code Adam}:
 * <pre>{@code
 * IUpdater updater = FusedAdam.inPlaceOf(new Adam(1e-3));
 * }</pre>
 */
public class FusedAdam extends Adam {

    public FusedAdam() {
        super();
    }

    public FusedAdam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    /** A FusedAdam with the settings of a plain DL4J {@code Adam}; any other updater as it is. */
    public static IUpdater inPlaceOf(IUpdater updater) {
        if (updater == null || updater.getClass() != Adam.class) {
            return updater;
        }
        Adam adam = (Adam) updater;
        FusedAdam fused = new FusedAdam(adam.getLearningRate(), adam.getBeta1(), adam.getBeta2(), adam.getEpsilon());
        fused.setLearningRateSchedule(adam.getLearningRateSchedule());
        return fused;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        return Step.takingStateOf((AdamUpdater) super.instantiate(viewArray, initializeViewArray), this);
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        return Step.takingStateOf((AdamUpdater) super.instantiate(updaterState, initializeStateArrays), this);
    }

    @Override
    public FusedAdam clone() {
        FusedAdam copy = new FusedAdam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
        copy.setLearningRateSchedule(getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone());
        return copy;
    }

    /** The running updater: DL4J's, with the step through the kernels when they take the arrays. */
    static final class Step extends AdamUpdater {
        private Step(Adam config) {
            super(config);
        }

        /** DL4J's updater's state (views of m and v, as DL4J set them up), stepped by this class. */
        static Step takingStateOf(AdamUpdater stock, Adam config) {
            Step step = new Step(config);
            step.setM(stock.getM());
            step.setV(stock.getV());
            step.setGradientReshapeOrder(stock.getGradientReshapeOrder());
            return step;
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (!applyDivided(gradient, 1, null, iteration, epoch)) {
                super.applyUpdater(gradient, iteration, epoch);          // DL4J's step, and its error for a missing state
            }
        }

        /**
         * The step on {@code gradient / divisor} in one pass ({@link FusedGraphUpdater} folds DL4J's division by the
         * minibatch into it), subtracted from {@code params} too when they are given; false, with nothing changed,
         * when the kernels do not take the arrays.
         */
        boolean applyDivided(INDArray gradient, double divisor, INDArray params, int iteration, int epoch) {
            Adam config = getConfig();
            if (getM() == null || getV() == null) {
                return false;
            }
            double beta1 = config.getBeta1(), beta2 = config.getBeta2(), epsilon = config.getEpsilon();
            // the bias-corrected step size, and libnd4j's fallback when it degenerates
            double alpha = config.getLearningRate(iteration, epoch) * Math.sqrt(1 - Math.pow(beta2, iteration + 1))
                    / (1 - Math.pow(beta1, iteration + 1));
            if (!Double.isFinite(alpha) || alpha == 0) {
                alpha = epsilon;
            }
            return ElementwiseKernels.adam(gradient, divisor, getM(), getV(), beta1, beta2, epsilon, alpha, params);
        }
    }
}
