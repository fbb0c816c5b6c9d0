package org.gen4j.em;

/** Called after every EM iteration: which restart, which iteration, and the objective it reached. */
@FunctionalInterface
public interface IterationListener {
    void iterationDone(int run, int iteration, double objective);

    IterationListener NONE = (run, iteration, objective) -> { };
}
