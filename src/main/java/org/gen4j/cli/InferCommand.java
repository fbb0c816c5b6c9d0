package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.inference.ApproximateMarginal;
import org.gen4j.bayesnet.inference.GibbsSampling;
import org.gen4j.bayesnet.inference.LikelihoodWeighting;
import org.gen4j.bayesnet.inference.VariableElimination;
import org.gen4j.core.Gen4jException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gen4j infer}: posterior marginals in a Bayesian network given evidence. */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Posterior probabilities of query variables in a Bayesian network, given evidence.")
final class InferCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NET",
            description = "A .bif file, a network saved by gen4j, or a bundled network: asia, cancer, earthquake, sachs, survey, child.")
    String model;

    @Option(names = "--query", split = ",", paramLabel = "VAR", description = "Variables to query (or --mpe).")
    List<String> query;

    @Option(names = "--mpe", description = "The most probable explanation: the likeliest state of every unobserved variable.")
    boolean mpe;

    @Option(names = "--evidence", split = ",", paramLabel = "VAR=STATE", description = "Observed states, e.g. smoke=yes,xray=yes.")
    List<String> evidence;

    @Option(names = "--method", defaultValue = "exact", paramLabel = "METHOD",
            description = "exact (variable elimination), lw (likelihood weighting) or gibbs (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--samples", defaultValue = "100000", paramLabel = "N",
            description = "For lw: samples; for gibbs: chains x sweeps (100 chains) (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed for lw and gibbs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON: each query variable mapped to {state: probability}.")
    boolean json;

    @Override
    public void run() {
        if (!List.of("exact", "lw", "gibbs").contains(method)) {
            throw new Gen4jException("unknown --method '" + method + "' (expected exact, lw or gibbs)");
        }
        BayesianNetwork network = ModelInputs.capability(ModelInputs.load(model), BayesianNetwork.class, "answer queries");
        Map<String, String> given = parseEvidence(evidence);
        if (mpe) {
            explain(network, given);
            return;
        }
        if (query == null || query.isEmpty()) {
            throw new Gen4jException("say which variables to query (--query A,B) or ask for --mpe");
        }
        VariableElimination ve = new VariableElimination(network);
        Map<String, Map<String, Double>> marginals = new LinkedHashMap<>();
        Map<String, Double> effectiveSampleSizes = new LinkedHashMap<>();
        Map<String, Double> rHats = new LinkedHashMap<>();
        for (String name : query) {
            String variable = name.trim();
            switch (method) {
                case "exact" -> marginals.put(variable, ve.marginal(variable, given));
                case "lw" -> {
                    ApproximateMarginal m = new LikelihoodWeighting(network, samples, seed).marginal(variable, given);
                    marginals.put(variable, m.probabilities());
                    effectiveSampleSizes.put(variable, m.effectiveSampleSize());
                }
                default -> {
                    int chains = 100;
                    ApproximateMarginal m = new GibbsSampling(network, chains, Math.max(2, samples / chains),
                            Math.max(10, samples / chains / 5), seed).marginal(variable, given);
                    marginals.put(variable, m.probabilities());
                    effectiveSampleSizes.put(variable, m.effectiveSampleSize());
                    rHats.put(variable, m.rHat());
                    if (!m.converged()) {
                        spec.commandLine().getErr().printf("gen4j: warning: the Gibbs chains for '%s' have not converged (R-hat %.3f, above %.2f):"
                                + " the estimate is unreliable; raise --samples or use exact inference%n", variable, m.rHat(), ApproximateMarginal.CONVERGED_R_HAT);
                    }
                }
            }
        }
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JsonOutput.object();
            marginals.forEach((variable, states) -> {
                ObjectNode node = root.putObject(variable);
                states.forEach(node::put);
            });
            if (!effectiveSampleSizes.isEmpty()) {
                ObjectNode ess = root.putObject("effectiveSampleSize");
                effectiveSampleSizes.forEach(ess::put);
            }
            if (!rHats.isEmpty()) {
                ObjectNode rHat = root.putObject("rHat");
                rHats.forEach((variable, value) -> rHat.put(variable, Double.isFinite(value) ? value : Double.MAX_VALUE));
            }
            printer.println(JsonOutput.write(root));
            return;
        }
        printer.println("P(" + String.join(", ", query) + (given.isEmpty() ? "" : " | " + given) + "), " + method + ":");
        marginals.forEach((variable, states) -> {
            printer.println("  " + variable + (effectiveSampleSizes.containsKey(variable)
                    ? String.format(" (effective sample size %.0f%s)", effectiveSampleSizes.get(variable),
                    rHats.containsKey(variable) ? String.format(", R-hat %.3f", rHats.get(variable)) : "") : ""));
            states.forEach((state, p) -> printer.printf("    %-20s %.6f%n", state, p));
        });
        if (!given.isEmpty()) {
            printer.printf("P(evidence) = %.6g%n", ve.probabilityOfEvidence(given));
        }
    }

    private void explain(BayesianNetwork network, Map<String, String> given) {
        VariableElimination.Explanation explanation = new VariableElimination(network).mostProbableExplanation(given);
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JsonOutput.object();
            ObjectNode assignment = root.putObject("assignment");
            explanation.assignment().forEach(assignment::put);
            root.put("logProbability", explanation.logProbability());
            printer.println(JsonOutput.write(root));
            return;
        }
        printer.println("most probable explanation" + (given.isEmpty() ? "" : " given " + given) + ":");
        explanation.assignment().forEach((variable, state) -> printer.printf("  %-20s %s%s%n", variable, state,
                given.containsKey(variable) ? " (observed)" : ""));
        printer.printf("log P = %.6f%n", explanation.logProbability());
    }

    static Map<String, String> parseEvidence(List<String> items) {
        Map<String, String> given = new LinkedHashMap<>();
        if (items == null) {
            return given;
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new Gen4jException("evidence '" + item + "' is not VAR=STATE");
            }
            given.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return given;
    }
}
