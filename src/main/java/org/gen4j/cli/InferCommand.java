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
            description = "A .bif file, a network saved by gen4j, or a bundled network: asia, cancer, earthquake, sachs, survey, child, alarm.")
    String model;

    @Option(names = "--query", split = ",", paramLabel = "VAR", description = "Variables to query (or --mpe).")
    List<String> query;

    @Option(names = "--mpe", description = "The most probable explanation: the likeliest state of every unobserved variable.")
    boolean mpe;

    @Option(names = "--evidence", split = ",", paramLabel = "VAR=STATE", description = "Observed states, e.g. smoke=yes,xray=yes.")
    List<String> evidence;

    @Option(names = "--method", defaultValue = "exact", paramLabel = "METHOD",
            description = "exact (variable elimination), jt (exact, by a junction tree: one calibration answers every variable;"
                    + " for larger networks), lw (likelihood weighting) or gibbs (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--memory-budget", paramLabel = "SIZE", converter = ByteSize.class,
            description = "The most exact inference may allocate, e.g. 2g or 512m; a network or query that needs more is"
                    + " refused up front (default: half the Java heap).")
    Long memoryBudget;

    @Option(names = "--samples", defaultValue = "100000", paramLabel = "N",
            description = "For lw: samples; for gibbs: chains x sweeps (100 chains) (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed for lw and gibbs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON: each query variable mapped to {state: probability}.")
    boolean json;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "Answer a batch in one process: one JSON query per line ({\"id\": 1, \"query\": [\"lung\"],"
                    + " \"evidence\": {\"smoke\": \"yes\"}}, or \"mpe\": true; optional method, samples, seed); one JSON"
                    + " answer per line, in order. '-' reads standard input.")
    String queries;

    /** How a marginal is computed: exact, lw or gibbs, with the sampling methods' samples and seed. */
    record Settings(String method, int samples, long seed) {
        Settings {
            if (!List.of("exact", "jt", "lw", "gibbs").contains(method)) {
                throw new Gen4jException("unknown method '" + method + "' (expected exact, jt, lw or gibbs)");
            }
            if (samples < 1) {
                throw new Gen4jException("samples must be at least 1, got " + samples);
            }
        }
    }

    /** A posterior marginal, with a sampling method's effective sample size and R-hat (NaN where they do not apply). */
    record Marginal(Map<String, Double> probabilities, double effectiveSampleSize, double rHat, boolean converged) {
    }

    /** The posterior marginal of {@code variable} given {@code given}, by the settings' method. */
    static Marginal marginal(BayesianNetwork network, ExactInference exact, String variable, Map<String, String> given,
                             Settings settings) {
        switch (settings.method()) {
            case "exact" -> {
                return new Marginal(exact.elimination().marginal(variable, given), Double.NaN, Double.NaN, true);
            }
            case "jt" -> {
                network.variable(variable);
                if (given.containsKey(variable)) {
                    throw new Gen4jException("'" + variable + "' is both queried and given as evidence");
                }
                return new Marginal(exact.calibrated(given).marginal(variable), Double.NaN, Double.NaN, true);
            }
            case "lw" -> {
                ApproximateMarginal m = new LikelihoodWeighting(network, settings.samples(), settings.seed()).marginal(variable, given);
                return new Marginal(m.probabilities(), m.effectiveSampleSize(), Double.NaN, true);
            }
            default -> {
                int chains = 100;
                int sweeps = settings.samples() / chains;
                ApproximateMarginal m = new GibbsSampling(network, chains, Math.max(2, sweeps), Math.max(10, sweeps / 5), settings.seed())
                        .marginal(variable, given);
                return new Marginal(m.probabilities(), m.effectiveSampleSize(), m.rHat(), m.converged());
            }
        }
    }

    @Override
    public void run() {
        Settings settings = new Settings(method, samples, seed);
        BayesianNetwork network = ModelInputs.capability(ModelInputs.load(model), BayesianNetwork.class, "answer queries");
        if (queries != null) {
            answerBatch(network, settings);
            return;
        }
        Map<String, String> given = parseEvidence(evidence);
        if (mpe) {
            explain(network, given);
            return;
        }
        if (query == null || query.isEmpty()) {
            throw new Gen4jException("say which variables to query (--query A,B) or ask for --mpe");
        }
        ExactInference exact = new ExactInference(network, memoryBudget());
        Map<String, Map<String, Double>> marginals = new LinkedHashMap<>();
        Map<String, Double> effectiveSampleSizes = new LinkedHashMap<>();
        Map<String, Double> rHats = new LinkedHashMap<>();
        // sampling can take a while: a step per queried variable on a terminal (exact answers come at once)
        Progress.Stages stages = Progress.of(spec.commandLine().getErr(), json || isExact(settings.method()))
                .stages(settings.method(), query.stream().map(q -> "P(" + q.trim() + ")").toArray(String[]::new));
        try (stages) {
            collect(network, exact, given, settings, stages, marginals, effectiveSampleSizes, rHats);
        }
        print(given, exact, marginals, effectiveSampleSizes, rHats);
    }

    static boolean isExact(String method) {
        return method.equals("exact") || method.equals("jt");
    }

    private long memoryBudget() {
        long heap = Runtime.getRuntime().maxMemory();
        if (memoryBudget != null && memoryBudget > heap * 0.9) {
            throw new Gen4jException(String.format(java.util.Locale.ROOT, "--memory-budget %s is more than the Java heap can hold"
                    + " (%.1f GiB): raise the heap too, e.g. GEN4J_JAVA_OPTS=-Xmx%dg", memoryBudgetText(), heap / (double) (1L << 30),
                    (long) Math.ceil(memoryBudget * 1.5 / (1L << 30))));
        }
        return memoryBudget != null ? memoryBudget : heap / 2;
    }

    private String memoryBudgetText() {
        return spec.findOption("--memory-budget").originalStringValues().stream().reduce((a, b) -> b).orElse(String.valueOf(memoryBudget));
    }

    private void collect(BayesianNetwork network, ExactInference exact, Map<String, String> given, Settings settings,
                         Progress.Stages stages, Map<String, Map<String, Double>> marginals,
                         Map<String, Double> effectiveSampleSizes, Map<String, Double> rHats) {
        for (String name : query) {
            String variable = name.trim();
            Marginal m = marginal(network, exact, variable, given, settings);
            stages.next();
            marginals.put(variable, m.probabilities());
            if (!Double.isNaN(m.effectiveSampleSize())) {
                effectiveSampleSizes.put(variable, m.effectiveSampleSize());
            }
            if (!Double.isNaN(m.rHat())) {
                rHats.put(variable, m.rHat());
                if (!m.converged()) {
                    spec.commandLine().getErr().printf("gen4j: warning: the Gibbs chains for '%s' have not converged (R-hat %.3f, above %.2f):"
                            + " the estimate is unreliable; raise --samples or use exact inference%n", variable, m.rHat(), ApproximateMarginal.CONVERGED_R_HAT);
                }
            }
        }
    }

    private void print(Map<String, String> given, ExactInference exact, Map<String, Map<String, Double>> marginals,
                       Map<String, Double> effectiveSampleSizes, Map<String, Double> rHats) {
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
            printer.printf("P(evidence) = %.6g%n", method.equals("jt") ? exact.calibrated(given).probabilityOfEvidence()
                    : exact.elimination().probabilityOfEvidence(given));
        }
    }

    private void answerBatch(BayesianNetwork network, Settings settings) {
        if ((query != null && !query.isEmpty()) || evidence != null || mpe || json) {
            throw new Gen4jException("--queries reads each query's targets and evidence from its lines (and always writes JSON):"
                    + " give no --query, --evidence, --mpe or --json with it");
        }
        QueryBatch batch = new QueryBatch(network, settings, memoryBudget());
        PrintWriter out = spec.commandLine().getOut();
        if (queries.equals("-")) {
            batch.run(new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)), out);
            return;
        }
        java.nio.file.Path file = java.nio.file.Path.of(queries);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new Gen4jException("no queries file " + queries);
        }
        try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            batch.run(in, out);
        } catch (java.io.IOException e) {
            throw new Gen4jException("cannot read " + queries + ": " + e.getMessage());
        }
    }

    private void explain(BayesianNetwork network, Map<String, String> given) {
        VariableElimination.Explanation explanation = new VariableElimination(network, memoryBudget()).mostProbableExplanation(given);
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
