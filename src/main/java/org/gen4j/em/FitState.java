package org.gen4j.em;

/**
 * Where an EM fit stands after an iteration: enough to continue it exactly ({@link EmEngine#fit} with a state).
 *
 * @param run         which restart (0-based)
 * @param iteration   iterations done in that restart
 * @param current     the model after that iteration, with the objective's history so far
 * @param runFinished whether that restart has ended (converged or reached its limit)
 * @param best        the best finished restart so far, or null
 * @param <M>         the fitted model type
 */
public record FitState<M>(int run, int iteration, M current, boolean runFinished, M best) {

    /** Sees the state after every iteration, e.g. to write checkpoints. */
    @FunctionalInterface
    public interface Listener<M> {
        void stateAfter(FitState<M> state);
    }
}
