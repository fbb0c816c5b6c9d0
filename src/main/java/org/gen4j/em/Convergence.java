package org.gen4j.em;

/** When EM stops before its iteration limit, comparing an iteration's objective with the previous one's. */
public enum Convergence {
    /** The objective changed by less than the tolerance, either way (scikit-learn's rule for mixtures). */
    ABSOLUTE_CHANGE {
        @Override
        boolean reached(double previous, double current, double tol) {
            return Math.abs(current - previous) < tol;
        }
    },
    /** The objective gained less than the tolerance (hmmlearn's rule); a tolerance of 0 runs every iteration. */
    GAIN {
        @Override
        boolean reached(double previous, double current, double tol) {
            return tol > 0 && current - previous < tol;
        }
    };

    abstract boolean reached(double previous, double current, double tol);
}
