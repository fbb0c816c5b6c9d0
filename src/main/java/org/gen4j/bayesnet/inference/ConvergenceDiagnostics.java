package org.gen4j.bayesnet.inference;

/**
 * Gelman and Rubin's potential scale reduction R-hat for indicator series: how much wider the spread over all
 * chains is than within each. Near 1 when the chains agree; chains stuck in different regions give far more.
 * (Gelman et al., Bayesian Data Analysis, 3rd ed., §11.4.)
 */
final class ConvergenceDiagnostics {
    private ConvergenceDiagnostics() {
    }

    /**
     * @param chainMeans {@code [chains][states]}: each chain's share of sweeps in each state
     * @param sweeps     recorded sweeps per chain (n)
     * @return the largest R-hat over the states; 1 when every chain stayed in one same state, +∞ when chains stayed
     *         in different states
     */
    static double rHat(double[][] chainMeans, int sweeps) {
        int chains = chainMeans.length;
        double worst = 0;
        for (int s = 0; s < chainMeans[0].length; s++) {
            double mean = 0, within = 0;
            for (double[] chain : chainMeans) {
                double p = chain[s];
                mean += p / chains;
                within += Math.max(0, p * (1 - p)) * sweeps / (sweeps - 1.0) / chains;   // W: indicator variance in a chain
            }
            double between = 0;                                                   // B / n: variance of the chain means
            for (double[] chain : chainMeans) {
                between += (chain[s] - mean) * (chain[s] - mean) / (chains - 1);
            }
            if (within == 0) {
                worst = Math.max(worst, between == 0 ? 1 : Double.POSITIVE_INFINITY);
                continue;
            }
            double pooled = (sweeps - 1.0) / sweeps * within + between;
            worst = Math.max(worst, Math.sqrt(pooled / within));
        }
        return worst;
    }
}
