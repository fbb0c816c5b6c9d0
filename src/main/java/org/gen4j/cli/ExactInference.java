package org.gen4j.cli;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.inference.JunctionTree;
import org.gen4j.bayesnet.inference.VariableElimination;

import java.util.Map;

/**
 * The exact engines of one network within one memory budget, each made when first asked for: variable elimination
 * (method {@code exact}) and a junction tree (method {@code jt}) whose latest calibration is kept, so that queries
 * with the same evidence, one after another, cost one calibration.
 */
final class ExactInference {
    private final BayesianNetwork network;
    private final long memoryBudgetBytes;
    private VariableElimination elimination;
    private JunctionTree tree;
    private Map<String, String> calibratedEvidence;
    private JunctionTree.Calibration calibration;

    ExactInference(BayesianNetwork network, long memoryBudgetBytes) {
        this.network = network;
        this.memoryBudgetBytes = memoryBudgetBytes;
    }

    synchronized VariableElimination elimination() {
        if (elimination == null) {
            elimination = new VariableElimination(network, memoryBudgetBytes);
        }
        return elimination;
    }

    /** The tree calibrated to {@code evidence}: the kept one if the evidence is the same. */
    synchronized JunctionTree.Calibration calibrated(Map<String, String> evidence) {
        evidence.forEach((name, state) -> network.variable(name).code(state));   // a typo fails before a long build
        if (tree == null) {
            tree = JunctionTree.build(network, JunctionTree.Options.defaults().withMemoryBudget(memoryBudgetBytes));
        }
        if (calibration == null || !calibratedEvidence.equals(evidence)) {
            calibration = tree.calibrate(evidence);
            calibratedEvidence = Map.copyOf(evidence);
        }
        return calibration;
    }
}
