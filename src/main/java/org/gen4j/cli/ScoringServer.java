package org.gen4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.core.AnomalyScorer;
import org.gen4j.core.DensityModel;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.Sampler;
import org.gen4j.data.SequenceBatch;
import org.gen4j.hmm.HiddenMarkovModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A long-running HTTP server (Javalin on Jetty) that answers scoring requests for one model, as JSON:
 * <ul>
 *   <li>{@code GET /health}: the model, its type and when it was loaded;</li>
 *   <li>{@code POST /score} {@code {"rows": [[...], ...], "threshold": t}}: each row's log-likelihood (density
 *   models), anomaly score, and with a threshold the verdict; an HMM takes {@code {"sequences": [[[...], ...], ...]}};</li>
 *   <li>{@code POST /query}: a Bayesian network answers one query of {@code infer --queries}'s form;</li>
 *   <li>{@code POST /sample} {@code {"n": 10, "seed": 1}}: samples;</li>
 *   <li>{@code POST /reload}: reads the model file again. Requests under way finish with the model they started with.
 *   With {@link #watch}, a new model file is read as soon as it is written; one that cannot be read leaves the
 *   previous model serving, and {@code /health} says why.</li>
 * </ul>
 * Bodies above the size limit get 413, bodies that cannot be answered 400 with {@code {"error": "..."}}; stopping
 * (Ctrl-C, SIGTERM) refuses new requests with 503 and lets the requests under way finish.
 */
final class ScoringServer implements AutoCloseable {
    /** The most samples one request may ask for. */
    static final int MAX_SAMPLES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long a stop waits for the requests under way. */
    static final long STOP_WAIT_MILLIS = 30_000;

    private final Path modelFile;
    private final String modelName;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final Javalin app;
    private final Object requests = new Object();
    private int inFlight;
    private boolean stopping;
    private ModelFileWatcher watcher;
    private final java.util.concurrent.atomic.AtomicLong reloads = new java.util.concurrent.atomic.AtomicLong();
    private volatile String lastReloadError;
    /** For tests: runs inside each answering request, after it counts as under way. */
    volatile Runnable whileAnswering = () -> { };

    /** A model and when it was read. */
    private record Loaded(GenerativeModel model, Instant at, QueryBatch queries) {
    }

    ScoringServer(String model, long maxBodyBytes) {
        this.modelName = model;
        this.modelFile = Files.isRegularFile(Path.of(model)) ? Path.of(model) : null;
        current.set(load());
        this.app = Javalin.create(config -> {
            config.http.maxRequestSize = maxBodyBytes;
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            // Jetty's graceful stop (Javalin's server counts requests with a StatisticsHandler): answers being written
            // when the stop comes are sent before the connections close
            config.jetty.modifyServer(server -> server.setStopTimeout(STOP_WAIT_MILLIS));
        });
        app.get("/health", this::health);
        app.post("/score", ctx -> answer(ctx, this::score));
        app.post("/query", ctx -> answer(ctx, this::query));
        app.post("/sample", ctx -> answer(ctx, this::sample));
        app.post("/reload", ctx -> answer(ctx, body -> reload()));
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e));
    }

    /**
     * Reads the model file again whenever it is written (hot reload without dropping requests); a file that cannot
     * be read keeps the previous model and is reported on standard error and by {@code /health}.
     */
    void watch(java.io.PrintWriter err) {
        if (modelFile == null) {
            throw new Gen4jException("--watch needs a model file; " + modelName + " is bundled");
        }
        try {
            watcher = new ModelFileWatcher(modelFile, () -> {
                try {
                    current.set(load());
                    lastReloadError = null;
                    reloads.incrementAndGet();
                } catch (RuntimeException e) {
                    lastReloadError = e.getMessage();
                    err.println("gen4j: serve: kept the previous model: " + e.getMessage());
                    err.flush();
                }
            });
        } catch (java.io.IOException e) {
            throw new Gen4jException("cannot watch " + modelFile + ": " + e.getMessage());
        }
    }

    /** Starts listening; @return the port (useful with port 0) */
    int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    /**
     * Stops: new requests get 503 at once, the requests under way finish (up to {@link #STOP_WAIT_MILLIS}), then
     * the server closes.
     */
    @Override
    public void close() {
        synchronized (requests) {
            stopping = true;
            long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
            while (inFlight > 0 && System.currentTimeMillis() < deadline) {
                try {
                    requests.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        app.stop();
        if (watcher != null) {
            watcher.close();
        }
    }

    /** Whether a stop has begun (new requests are refused). */
    boolean stopping() {
        synchronized (requests) {
            return stopping;
        }
    }

    private Loaded load() {
        GenerativeModel model = ModelInputs.load(modelName);
        QueryBatch queries = model instanceof BayesianNetwork network ? new QueryBatch(network, new InferCommand.Settings("exact", 100_000, 0)) : null;
        return new Loaded(model, Instant.now(), queries);
    }

    private ObjectNode reload() {
        if (modelFile == null) {
            throw new Gen4jException("the model is bundled, not a file: nothing to reload");
        }
        current.set(load());                  // requests under way keep the model they read
        ObjectNode out = JSON.createObjectNode();
        out.put("reloaded", current.get().at().toString());
        return out;
    }

    private void health(Context ctx) {
        Loaded loaded = current.get();
        ObjectNode out = JSON.createObjectNode();
        out.put("status", "ok");
        out.put("model", modelName);
        out.put("modelType", loaded.model().modelType());
        out.put("loadedAt", loaded.at().toString());
        if (watcher != null) {
            out.put("reloadsOnChange", reloads.get());
            if (lastReloadError != null) {
                out.put("lastReloadError", lastReloadError);
            }
        }
        ctx.contentType("application/json").result(JsonOutput.line(out));
    }

    @FunctionalInterface
    private interface Handler {
        ObjectNode answer(JsonNode body);
    }

    private void answer(Context ctx, Handler handler) {
        synchronized (requests) {
            if (stopping) {
                error(ctx, 503, "the server is stopping");
                return;
            }
            inFlight++;
        }
        try {
            whileAnswering.run();
            answerCounted(ctx, handler);
        } finally {
            synchronized (requests) {
                inFlight--;
                requests.notifyAll();
            }
        }
    }

    private void answerCounted(Context ctx, Handler handler) {
        JsonNode body;
        String text = ctx.body();              // above the size limit: Javalin answers 413
        try {
            body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            error(ctx, 400, "the body is not JSON: " + e.getOriginalMessage());
            return;
        }
        if (!body.isObject()) {
            error(ctx, 400, "the body must be a JSON object");
            return;
        }
        try {
            ctx.contentType("application/json").result(JsonOutput.line(handler.answer(body)));
        } catch (Gen4jException | IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.put("error", message);
        ctx.status(status).contentType("application/json").result(JsonOutput.line(out));
    }

    @SuppressWarnings("unchecked")
    private ObjectNode score(JsonNode body) {
        GenerativeModel model = current.get().model();
        ObjectNode out = JSON.createObjectNode();
        INDArray logLikelihood, anomaly;
        if (model instanceof HiddenMarkovModel hmm) {
            SequenceBatch sequences = SequenceBatch.of(sequences(body.get("sequences")));
            logLikelihood = hmm.logProb(sequences);
            anomaly = hmm.score(sequences);
        } else if (model instanceof AnomalyScorer<?> scorer && !(model instanceof BayesianNetwork)) {
            INDArray rows = rows(body.get("rows"), "rows");
            anomaly = ((AnomalyScorer<INDArray>) scorer).score(rows);
            logLikelihood = model instanceof DensityModel<?> density ? ((DensityModel<INDArray>) density).logProb(rows) : null;
        } else {
            throw new Gen4jException("a " + model.modelType() + " answers /query, not /score");
        }
        if (logLikelihood != null) {
            out.putPOJO("logLikelihood", logLikelihood.toDoubleVector());
        }
        out.putPOJO("anomalyScore", anomaly.toDoubleVector());
        JsonNode threshold = body.get("threshold");
        if (threshold != null) {
            if (!threshold.isNumber()) {
                throw new Gen4jException("threshold must be a number, got " + threshold);
            }
            ArrayNode verdicts = out.putArray("anomaly");
            for (double s : anomaly.toDoubleVector()) {
                verdicts.add(s > threshold.asDouble());
            }
        }
        return out;
    }

    private ObjectNode query(JsonNode body) {
        QueryBatch queries = current.get().queries();
        if (queries == null) {
            throw new Gen4jException("a " + current.get().model().modelType() + " answers /score, not /query");
        }
        return queries.answerOne(body);
    }

    @SuppressWarnings("unchecked")
    private ObjectNode sample(JsonNode body) {
        GenerativeModel model = current.get().model();
        int n = body.path("n").asInt(1);
        if (n < 1 || n > MAX_SAMPLES) {
            throw new Gen4jException("n must be between 1 and " + MAX_SAMPLES + ", got " + body.path("n"));
        }
        long seed = body.path("seed").asLong(0);
        ObjectNode out = JSON.createObjectNode();
        if (model instanceof Sampler<?> sampler && !(model instanceof HiddenMarkovModel) && !(model instanceof BayesianNetwork)) {
            INDArray drawn = ((Sampler<INDArray>) sampler).sample(n, seed);
            out.putPOJO("samples", drawn.reshape('c', drawn.size(0), drawn.length() / drawn.size(0)).toDoubleMatrix());
            return out;
        }
        if (model instanceof BayesianNetwork network) {
            org.gen4j.data.DiscreteTable cases = network.sample(n, seed);
            ArrayNode rows = out.putArray("samples");
            double[][] codes = cases.codes().toDoubleMatrix();
            for (double[] row : codes) {
                ObjectNode r = rows.addObject();
                for (int j = 0; j < row.length; j++) {
                    r.put(network.variables().get(j).name(), network.variables().get(j).state((int) row[j]));
                }
            }
            return out;
        }
        throw new Gen4jException("a " + model.modelType() + " does not draw samples here");
    }

    /** A JSON array of equally long arrays of numbers as rows {@code [n, d]} in float64. */
    static INDArray rows(JsonNode node, String what) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new Gen4jException(what + " must be a non-empty array of rows, e.g. [[1.0, 2.0], [3.0, 4.0]]");
        }
        int width = -1;
        double[][] values = new double[node.size()][];
        for (int i = 0; i < values.length; i++) {
            JsonNode row = node.get(i);
            if (!row.isArray() || row.isEmpty() || (width >= 0 && row.size() != width)) {
                throw new Gen4jException(what + "[" + i + "] must be an array of " + (width >= 0 ? width + " " : "") + "numbers");
            }
            width = row.size();
            values[i] = new double[width];
            for (int j = 0; j < width; j++) {
                JsonNode v = row.get(j);
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw new Gen4jException(what + "[" + i + "][" + j + "] must be a finite number, got " + v);
                }
                values[i][j] = v.asDouble();
            }
        }
        return Nd4j.createFromArray(values).castTo(DataType.DOUBLE);
    }

    private static List<INDArray> sequences(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new Gen4jException("sequences must be a non-empty array of sequences, each an array of steps");
        }
        List<INDArray> out = new ArrayList<>();
        for (int s = 0; s < node.size(); s++) {
            out.add(rows(node.get(s), "sequences[" + s + "]"));
        }
        return out;
    }
}
