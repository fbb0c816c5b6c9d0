package org.gen4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gen4j.core.ModelIO;
import org.gen4j.data.Datasets;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gen4j serve}: scores as the model scores, answers Bayesian-network queries, refuses bad bodies with 400 and
 * large ones with 413, and reloads the model while requests go on without dropping any.
 */
class ScoringServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private record Reply(int status, JsonNode body) {
    }

    private Reply post(int port, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    private Reply get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    private GaussianMixture fit(int components) {
        return GaussianMixtureTrainer.builder().components(components).seed(1).build().fit(Datasets.load("faithful"));
    }

    @Test
    void scoresAsTheModelDoesAndRefusesBadBodies() throws Exception {
        Path file = dir.resolve("f.gmm");
        GaussianMixture gmm = fit(2);
        ModelIO.save(gmm, file);
        try (ScoringServer server = new ScoringServer(file.toString(), 10_000)) {
            int port = server.start("127.0.0.1", 0);
            Reply health = get(port, "/health");
            assertEquals(200, health.status());
            assertEquals(gmm.modelType(), health.body().get("modelType").asText());

            Reply scored = post(port, "/score", "{\"rows\": [[3.6, 79], [1.8, 54], [9, 200]], \"threshold\": 10}");
            assertEquals(200, scored.status(), scored.body().toString());
            INDArray expected = gmm.logProb(Nd4j.createFromArray(new double[][]{{3.6, 79}, {1.8, 54}, {9, 200}}));
            for (int i = 0; i < 3; i++) {
                assertEquals(expected.getDouble(i), scored.body().get("logLikelihood").get(i).asDouble(), 1e-12);
                assertEquals(-expected.getDouble(i), scored.body().get("anomalyScore").get(i).asDouble(), 1e-12);
            }
            assertEquals("[false,false,true]", scored.body().get("anomaly").toString(), "the far row is the anomaly");

            assertEquals(400, post(port, "/score", "{\"rows\": [[1, 2], [3]]}").status());
            assertEquals(400, post(port, "/score", "{\"rows\": [[1, 2, 3]]}").status(), "three columns for a 2-D model");
            Reply notJson = post(port, "/score", "{rows: ");
            assertEquals(400, notJson.status());
            assertTrue(notJson.body().get("error").asText().startsWith("the body is not JSON"), notJson.body().toString());
            assertEquals(400, post(port, "/query", "{\"query\": \"lung\"}").status(), "a mixture answers no queries");
            assertEquals(413, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/score"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"rows\": [" + "[1, 2],".repeat(5_000) + "[1, 2]]}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "a body above the limit");
            assertEquals(5, post(port, "/sample", "{\"n\": 5, \"seed\": 3}").body().get("samples").size());
        }
    }

    @Test
    void aReloadUnderLoadDropsNoRequest() throws Exception {
        Path file = dir.resolve("m.gmm");
        ModelIO.save(fit(2), file);
        try (ScoringServer server = new ScoringServer(file.toString(), 1_000_000)) {
            int port = server.start("127.0.0.1", 0);
            String before = get(port, "/health").body().get("loadedAt").asText();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                replies.add(clients.submit(() -> post(port, "/score", "{\"rows\": [[3.6, 79], [1.8, 54]]}").status()));
            }
            for (int k = 3; k <= 5; k++) {
                ModelIO.save(fit(k), file);                       // written to a temporary file and renamed: never half a model
                assertEquals(200, post(port, "/reload", "").status());
            }
            for (Future<Integer> reply : replies) {
                assertEquals(200, reply.get(), "every request answered");
            }
            clients.shutdown();
            assertNotEquals(before, get(port, "/health").body().get("loadedAt").asText());
            INDArray now = fit(5).logProb(Nd4j.createFromArray(new double[][]{{3.6, 79}}));
            assertEquals(now.getDouble(0), post(port, "/score", "{\"rows\": [[3.6, 79]]}").body().get("logLikelihood").get(0).asDouble(), 1e-12,
                    "the reloaded model answers");
        }
    }

    /** With --watch, a model file written anew is read by itself; a broken one keeps the previous model serving. */
    @Test
    void aWatchedModelFileIsReadWhenWritten() throws Exception {
        Path file = dir.resolve("w.gmm");
        ModelIO.save(fit(2), file);
        java.io.StringWriter err = new java.io.StringWriter();
        try (ScoringServer server = new ScoringServer(file.toString(), 1_000_000)) {
            server.watch(new java.io.PrintWriter(err, true));
            int port = server.start("127.0.0.1", 0);
            ModelIO.save(fit(3), file);
            awaitHealth(port, health -> health.get("reloadsOnChange").asLong() >= 1);
            double expected = fit(3).logProb(Nd4j.createFromArray(new double[][]{{3.6, 79}})).getDouble(0);
            assertEquals(expected, post(port, "/score", "{\"rows\": [[3.6, 79]]}").body().get("logLikelihood").get(0).asDouble(), 1e-12);
            Path broken = dir.resolve("broken.tmp");
            java.nio.file.Files.writeString(broken, "not a model");
            java.nio.file.Files.move(broken, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            awaitHealth(port, health -> health.has("lastReloadError"));
            assertEquals(expected, post(port, "/score", "{\"rows\": [[3.6, 79]]}").body().get("logLikelihood").get(0).asDouble(), 1e-12,
                    "the previous model still answers");
            assertTrue(err.toString().contains("kept the previous model"), err.toString());
        }
    }

    /** Asks /health until it shows what a file event should have caused (a guard of 2 minutes against a hang). */
    private void awaitHealth(int port, java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> shows) throws Exception {
        long guard = System.nanoTime() + 120_000_000_000L;
        while (!shows.test(get(port, "/health").body())) {
            if (System.nanoTime() > guard) {
                throw new AssertionError("no reload seen: " + get(port, "/health").body());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aBayesianNetworkAnswersQueries() throws Exception {
        try (ScoringServer server = new ScoringServer("asia", 100_000)) {
            int port = server.start("127.0.0.1", 0);
            Reply answer = post(port, "/query", "{\"query\": \"lung\", \"evidence\": {\"xray\": \"yes\", \"smoke\": \"yes\"}}");
            assertEquals(200, answer.status(), answer.body().toString());
            assertEquals(0.645991, answer.body().get("marginals").get("lung").get("yes").asDouble(), 1e-6);
            Reply unknown = post(port, "/query", "{\"query\": \"lung\", \"evidence\": {\"xray\": \"maybe\"}}");
            assertEquals(400, unknown.status());
            assertTrue(unknown.body().get("error").asText().contains("maybe"), unknown.body().toString());
            assertEquals(400, post(port, "/reload", "").status(), "a bundled network has no file to reload");
            assertEquals(3, post(port, "/sample", "{\"n\": 3}").body().get("samples").size());
        }
    }

    @Test
    void aStopLetsTheRequestUnderWayFinishAndRefusesNewOnes() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ScoringServer server = new ScoringServer("asia", 100_000);
        int port = server.start("127.0.0.1", 0);
        server.whileAnswering = () -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        java.util.concurrent.CompletableFuture<Reply> underWay = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return post(port, "/query", "{\"query\": \"lung\"}");
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        entered.await();                                         // the request is being answered
        Thread stopper = new Thread(server::close);
        stopper.start();
        while (!server.stopping()) {                             // the stop has begun
            Thread.onSpinWait();
        }
        server.whileAnswering = () -> { };
        Reply refused = post(port, "/query", "{\"query\": \"lung\"}");
        assertEquals(503, refused.status(), "new requests are refused while stopping");
        release.countDown();
        assertEquals(200, underWay.get().status(), "the request under way is answered");
        stopper.join();
    }

    @Test
    void aHiddenMarkovModelScoresWholeSequences() throws Exception {
        Path file = dir.resolve("e.hmm");
        org.gen4j.data.SequenceBatch returns = SequenceInput.load("eustock-returns", null, null);
        org.gen4j.hmm.HiddenMarkovModel hmm = org.gen4j.hmm.BaumWelch.builder().states(2).emission("gaussian").maxIter(20).seed(1)
                .build().fit(returns);
        ModelIO.save(hmm, file);
        try (ScoringServer server = new ScoringServer(file.toString(), 1_000_000)) {
            int port = server.start("127.0.0.1", 0);
            double[][] steps = hmm.sample(1, 30, 1).observations().sequences().get(0).toDoubleMatrix();
            String sequence = JSON.writeValueAsString(steps);
            Reply scored = post(port, "/score", "{\"sequences\": [" + sequence + ", " + sequence + "]}");
            assertEquals(200, scored.status(), scored.body().toString());
            double expected = hmm.logProb(org.gen4j.data.SequenceBatch.of(Nd4j.createFromArray(steps))).getDouble(0);
            assertEquals(expected, scored.body().get("logLikelihood").get(0).asDouble(), 1e-9);
            assertEquals(2, scored.body().get("logLikelihood").size(), "one log-likelihood per sequence");
            assertEquals(400, post(port, "/score", "{\"rows\": [[1, 2]]}").status(), "an HMM takes sequences");
        }
    }
}
