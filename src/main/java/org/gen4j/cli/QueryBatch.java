package org.gen4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.inference.VariableElimination;
import org.gen4j.core.Gen4jException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a batch of Bayesian-network queries, one JSON object per line, in one process: each line names its
 * targets and evidence, and gets one JSON line back, in order. A line that cannot be answered gets an error line
 * (with its line number and id) and the rest go on; the batch then ends with exit code 2.
 * <pre>
 * {"id": 1, "query": ["lung", "bronc"], "evidence": {"xray": "yes", "smoke": "yes"}}
 * {"id": 2, "mpe": true, "evidence": {"dysp": "yes"}}
 * {"id": 3, "query": "either", "method": "lw", "samples": 20000}
 * </pre>
 */
final class QueryBatch {
    /** The longest line read: a query is small; a longer line is refused rather than held in memory. */
    static final int MAX_LINE_CHARS = 1 << 20;
    private static final Set<String> KEYS = Set.of("id", "query", "mpe", "evidence", "method", "samples", "seed");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BayesianNetwork network;
    private final ExactInference exact;
    private final InferCommand.Settings defaults;

    /** With exact inference's memory budget at half the Java heap. */
    QueryBatch(BayesianNetwork network, InferCommand.Settings defaults) {
        this(network, defaults, Runtime.getRuntime().maxMemory() / 2);
    }

    QueryBatch(BayesianNetwork network, InferCommand.Settings defaults, long memoryBudgetBytes) {
        this.network = network;
        this.exact = new ExactInference(network, memoryBudgetBytes);
        this.defaults = defaults;
    }

    /** Answers every line of {@code in} on {@code out}; @throws Gen4jException after the last line when any failed */
    void run(Reader in, PrintWriter out) {
        int failed = 0, answered = 0;
        String firstFailure = null;
        BoundedLines lines = new BoundedLines(in, MAX_LINE_CHARS);
        for (int number = 1; ; number++) {
            String line = lines.next();
            if (line == null) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            JsonNode id = null;
            try {
                JsonNode request = parse(line);
                id = request.get("id");
                ObjectNode answer = answer(request);
                out.println(JsonOutput.line(answer));
                answered++;
            } catch (Gen4jException e) {
                ObjectNode error = JsonOutput.object();
                if (id != null) {
                    error.set("id", id);
                }
                error.put("line", number);
                error.put("error", e.getMessage());
                out.println(JsonOutput.line(error));
                failed++;
                firstFailure = firstFailure != null ? firstFailure : "line " + number + ": " + e.getMessage();
            }
            out.flush();
        }
        if (failed > 0) {
            throw new Gen4jException(failed + " of " + (failed + answered) + " queries failed (first at " + firstFailure + ")");
        }
    }

    private static JsonNode parse(String line) {
        if (line.length() > MAX_LINE_CHARS) {
            throw new Gen4jException("the line is longer than " + MAX_LINE_CHARS + " characters");
        }
        JsonNode request;
        try {
            request = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Gen4jException("not a JSON object: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw new Gen4jException("not a JSON object");
        }
        return checked(request);
    }

    private static JsonNode checked(JsonNode request) {
        for (Iterator<String> keys = request.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new Gen4jException("unknown key '" + key + "' (allowed: " + KEYS.stream().sorted().toList() + ")");
            }
        }
        return request;
    }

    /** One query, as a JSON object of a batch's form (for {@code gen4j serve}). */
    ObjectNode answerOne(JsonNode request) {
        return answer(checked(request));
    }

    private ObjectNode answer(JsonNode request) {
        Map<String, String> evidence = evidence(request.get("evidence"));
        boolean mpe = request.path("mpe").asBoolean(false);
        InferCommand.Settings settings = new InferCommand.Settings(
                request.has("method") ? request.get("method").asText() : defaults.method(),
                request.has("samples") ? request.get("samples").asInt() : defaults.samples(),
                request.has("seed") ? request.get("seed").asLong() : defaults.seed());
        ObjectNode answer = JsonOutput.object();
        if (request.has("id")) {
            answer.set("id", request.get("id"));
        }
        if (mpe) {
            if (request.has("query")) {
                throw new Gen4jException("a line asks for the most probable explanation (mpe) or for a query, not both");
            }
            VariableElimination.Explanation explanation = exact.elimination().mostProbableExplanation(evidence);
            ObjectNode assignment = answer.putObject("mpe");
            explanation.assignment().forEach(assignment::put);
            answer.put("logProbability", explanation.logProbability());
            return answer;
        }
        List<String> targets = targets(request.get("query"));
        ObjectNode marginals = answer.putObject("marginals");
        ObjectNode ess = JsonOutput.object(), rHat = JsonOutput.object();
        boolean isExact = InferCommand.isExact(settings.method());
        double evidenceProbability = Double.NaN;
        for (String target : targets) {
            if (settings.method().equals("jt")) {
                InferCommand.Marginal m = InferCommand.marginal(network, exact, target, evidence, settings);
                m.probabilities().forEach(marginals.putObject(target)::put);
                evidenceProbability = exact.calibrated(evidence).probabilityOfEvidence();
                continue;
            }
            if (isExact) {
                // one elimination per target gives the posterior and P(evidence) (its total), not one of each
                if (evidence.containsKey(target)) {
                    throw new Gen4jException("'" + target + "' is both queried and given as evidence");
                }
                org.gen4j.bayesnet.factors.Factor joint = exact.elimination().jointWithEvidence(List.of(target), evidence);
                evidenceProbability = joint.total();
                if (!(evidenceProbability > 0)) {
                    throw new Gen4jException("the evidence " + evidence + " has probability 0 under the network");
                }
                double[] values = joint.values().reshape(joint.values().length()).toDoubleVector();
                ObjectNode states = marginals.putObject(target);
                org.gen4j.data.DiscreteVariable v = network.variable(target);
                for (int s = 0; s < values.length; s++) {
                    states.put(v.state(s), values[s] / evidenceProbability);
                }
                continue;
            }
            InferCommand.Marginal m = InferCommand.marginal(network, exact, target, evidence, settings);
            ObjectNode states = marginals.putObject(target);
            m.probabilities().forEach(states::put);
            if (!Double.isNaN(m.effectiveSampleSize())) {
                ess.put(target, m.effectiveSampleSize());
            }
            if (!Double.isNaN(m.rHat())) {
                rHat.put(target, Double.isFinite(m.rHat()) ? m.rHat() : Double.MAX_VALUE);
            }
        }
        if (!ess.isEmpty()) {
            answer.set("effectiveSampleSize", ess);
        }
        if (!rHat.isEmpty()) {
            answer.set("rHat", rHat);
        }
        if (isExact && !evidence.isEmpty()) {
            answer.put("probabilityOfEvidence", evidenceProbability);
        }
        return answer;
    }

    private static List<String> targets(JsonNode query) {
        List<String> targets = new ArrayList<>();
        if (query != null && query.isTextual()) {
            targets.add(query.asText());
        } else if (query != null && query.isArray()) {
            query.forEach(q -> {
                if (!q.isTextual()) {
                    throw new Gen4jException("query must list variable names, got " + q);
                }
                targets.add(q.asText());
            });
        }
        if (targets.isEmpty()) {
            throw new Gen4jException("say which variables to query (\"query\": [\"A\", \"B\"]) or ask for \"mpe\": true");
        }
        return targets;
    }

    private static Map<String, String> evidence(JsonNode evidence) {
        Map<String, String> given = new LinkedHashMap<>();
        if (evidence == null || evidence.isNull()) {
            return given;
        }
        if (!evidence.isObject()) {
            throw new Gen4jException("evidence must map variables to states, e.g. {\"xray\": \"yes\"}");
        }
        evidence.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new Gen4jException("the evidence for '" + e.getKey() + "' must be a state, got " + e.getValue());
            }
            given.put(e.getKey(), e.getValue().asText());
        });
        return given;
    }

    /** Lines of a reader, each at most {@code max} characters: a longer one is read past and handed back cut short. */
    private static final class BoundedLines {
        private final Reader in;
        private final int max;

        BoundedLines(Reader in, int max) {
            this.in = in;
            this.max = max;
        }

        /** The next line (longer than {@code max} when it was too long), or null at the end. */
        String next() {
            StringBuilder line = new StringBuilder();
            boolean tooLong = false;
            try {
                int c;
                while ((c = in.read()) != -1) {
                    if (c == '\n') {
                        break;
                    }
                    if (line.length() <= max) {
                        line.append((char) c);
                    } else {
                        tooLong = true;                       // skip the rest of the line, keep memory bounded
                    }
                }
                if (c == -1 && line.length() == 0 && !tooLong) {
                    return null;
                }
            } catch (IOException e) {
                throw new Gen4jException("cannot read the queries: " + e.getMessage());
            }
            int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
            return line.substring(0, end);
        }
    }
}
