package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.bayesnet.BayesianNetwork;
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

    @Option(names = "--query", required = true, split = ",", paramLabel = "VAR", description = "Variables to query.")
    List<String> query;

    @Option(names = "--evidence", split = ",", paramLabel = "VAR=STATE", description = "Observed states, e.g. smoke=yes,xray=yes.")
    List<String> evidence;

    @Option(names = "--method", defaultValue = "exact", paramLabel = "METHOD",
            description = "exact (variable elimination) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--json", description = "Print JSON: each query variable mapped to {state: probability}.")
    boolean json;

    @Override
    public void run() {
        if (!method.equals("exact")) {
            throw new Gen4jException("unknown --method '" + method + "': only exact (variable elimination) is available;"
                    + " likelihood weighting (lw) and Gibbs sampling are not implemented yet");
        }
        BayesianNetwork network = ModelInputs.capability(ModelInputs.load(model), BayesianNetwork.class, "answer queries");
        Map<String, String> given = parseEvidence(evidence);
        VariableElimination ve = new VariableElimination(network);
        Map<String, Map<String, Double>> marginals = new LinkedHashMap<>();
        for (String variable : query) {
            marginals.put(variable, ve.marginal(variable.trim(), given));
        }
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JsonOutput.object();
            marginals.forEach((variable, states) -> {
                ObjectNode node = root.putObject(variable);
                states.forEach(node::put);
            });
            printer.println(JsonOutput.write(root));
            return;
        }
        printer.println("P(" + String.join(", ", query) + (given.isEmpty() ? "" : " | " + given) + "), exact:");
        marginals.forEach((variable, states) -> {
            printer.println("  " + variable);
            states.forEach((state, p) -> printer.printf("    %-20s %.6f%n", state, p));
        });
        if (!given.isEmpty()) {
            printer.printf("P(evidence) = %.6g%n", ve.probabilityOfEvidence(given));
        }
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
