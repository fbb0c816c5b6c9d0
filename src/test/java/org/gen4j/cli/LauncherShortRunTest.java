package org.gen4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which runs the launcher starts on the quick compiler alone (src/main/sh/short-run.sh): reports, one exact query on a
 * small network, and a classical model fitted to, scored on or sampled from small inputs; never a long run.
 */
class LauncherShortRunTest {
    private static final String REPORT = "-XX:TieredStopAtLevel=1";
    private static final String NUMERIC = "-XX:TieredStopAtLevel=1 -Dgen4j.simd=false";
    private static final String LONG = "";

    @TempDir
    static Path dir;

    @Test
    void reportsAndHelpRunOnTheQuickCompilerWithTheKernelsAsConfigured() throws Exception {
        assertEquals(REPORT, optionsFor(Map.of(), "info"));
        assertEquals(REPORT, optionsFor(Map.of()));
        assertEquals(REPORT, optionsFor(Map.of(), "--version"));
        assertEquals(REPORT, optionsFor(Map.of(), "fit", "vae", "--help"));
    }

    @Test
    void aMixtureFittedToASmallTableIsShort() throws Exception {
        assertEquals(NUMERIC, optionsFor(Map.of(), "fit", "gmm", "--data", "faithful", "--components", "2", "--out", "f.gmm"));
        assertEquals(NUMERIC, optionsFor(Map.of(), "fit", "gmm", "--data=iris", "-k", "3"));
        assertEquals(NUMERIC, optionsFor(Map.of(), "fit", "gmm", "--data", "digits", "-k", "3"), "a gzip file counts five times");
        assertEquals(NUMERIC, optionsFor(Map.of(), "fit", "gmm", "--data", file("small.csv", 1024 * 1024).toString(), "-k", "3"));
    }

    @Test
    void largeTablesSparkAndOtherFamiliesKeepTheOptimisingCompiler() throws Exception {
        assertEquals(LONG, optionsFor(Map.of(), "fit", "gmm", "--data", file("large.csv", 1024 * 1024 + 1).toString(), "-k", "3"));
        assertEquals(LONG, optionsFor(Map.of(), "fit", "gmm", "--data", file("large.csv.gz", 300_000).toString(), "-k", "3"));
        assertEquals(LONG, optionsFor(Map.of(), "fit", "gmm", "--data", "faithful", "-k", "2", "--spark", "local[2]"));
        assertEquals(LONG, optionsFor(Map.of(), "fit", "gmm", "--data", "no-such-table", "-k", "2"));
        assertEquals(LONG, optionsFor(Map.of(), "fit", "gmm", "-k", "2"));
        assertEquals(LONG, optionsFor(Map.of(), "fit", "hmm", "--data", "faithful", "--states", "2"));
        assertEquals(LONG, optionsFor(Map.of(), "fit", "vae", "--data", "mnist"));
        assertEquals(LONG, optionsFor(Map.of(), "score", "--model", "f.gmm", "--data", "faithful"));
    }

    @Test
    void scoringSamplingAndNetworkLearningOnSmallInputsAreShort() throws Exception {
        String model = file("small.gmm", 1024 * 1024).toString();
        assertEquals(NUMERIC, optionsFor(Map.of(), "score", "--model", model, "--data", "faithful"));
        assertEquals(NUMERIC, optionsFor(Map.of(), "sample", "--model", model, "-n", "100000"));
        assertEquals(NUMERIC, optionsFor(Map.of(), "sample", "--model=" + model, "--n=5"));
        assertEquals(NUMERIC, optionsFor(Map.of(), "fit", "bn", "--model", "asia", "--data", "datasets/bn/asia-samples.csv"));
        assertEquals(NUMERIC, optionsFor(Map.of(), "learn", "--data", "datasets/bn/asia-samples.csv", "--out", "l.bif"));
    }

    @Test
    void largeModelsManySamplesAndLargeCasesKeepTheOptimisingCompiler() throws Exception {
        String model = file("small.gmm", 1024 * 1024).toString();
        String large = file("large.gmm", 1024 * 1024 + 1).toString();
        assertEquals(LONG, optionsFor(Map.of(), "score", "--model", large, "--data", "faithful"));
        assertEquals(LONG, optionsFor(Map.of(), "score", "--model", model, "--data", file("large.csv", 1024 * 1024 + 1).toString()));
        assertEquals(LONG, optionsFor(Map.of(), "score", "--model", model, "--data", "faithful", "--iw-samples", "5000"));
        assertEquals(LONG, optionsFor(Map.of(), "sample", "--model", model, "-n", "100001"));
        assertEquals(LONG, optionsFor(Map.of(), "sample", "--model", model, "-n", "99999999999999999999"));
        assertEquals(LONG, optionsFor(Map.of(), "sample", "--model", model, "-n", "many"));
        assertEquals(LONG, optionsFor(Map.of(), "sample", "--model", large, "-n", "10"));
        String cases = file("cases.csv", 256 * 1024 + 1).toString();
        assertEquals(LONG, optionsFor(Map.of(), "learn", "--data", cases));
        assertEquals(LONG, optionsFor(Map.of(), "fit", "bn", "--model", "asia", "--data", cases));
        assertEquals(LONG, optionsFor(Map.of(), "learn", "--data", "datasets/bn/asia-samples.csv", "--spark", "local[2]"));
    }

    @Test
    void oneExactQueryOnASmallNetworkIsShort() throws Exception {
        assertEquals(NUMERIC, optionsFor(Map.of(), "infer", "--model", "asia", "--query", "lung", "--evidence", "xray=yes"));
        assertEquals(NUMERIC, optionsFor(Map.of(), "infer", "--model=alarm", "--query", "HYPOVOLEMIA", "--method", "jt"));
        assertEquals(NUMERIC, optionsFor(Map.of(), "infer", "--model", file("net.bif", 64 * 1024).toString(), "--mpe"));
    }

    @Test
    void batchesSamplingAndLargeNetworksKeepTheOptimisingCompiler() throws Exception {
        assertEquals(LONG, optionsFor(Map.of(), "infer", "--model", "asia", "--queries", "q.jsonl"));
        assertEquals(LONG, optionsFor(Map.of(), "infer", "--model", "asia", "--query", "lung", "--method", "gibbs"));
        assertEquals(LONG, optionsFor(Map.of(), "infer", "--model", "asia", "--query", "lung", "--method=lw"));
        assertEquals(LONG, optionsFor(Map.of(), "infer", "--model", file("big.bif", 64 * 1024 + 1).toString(), "--mpe"));
        assertEquals(LONG, optionsFor(Map.of(), "infer", "--model", file("net.bif.gz", 100).toString(), "--mpe"));
        assertEquals(LONG, optionsFor(Map.of(), "infer", "--model", "no-such-network", "--mpe"));
    }

    @Test
    void theUserCanTurnItOffOrOn() throws Exception {
        assertEquals(LONG, optionsFor(Map.of("GEN4J_QUICK_START", "off"), "info"));
        assertEquals(LONG, optionsFor(Map.of("GEN4J_QUICK_START", "off"), "fit", "gmm", "--data", "faithful", "-k", "2"));
        assertEquals(NUMERIC, optionsFor(Map.of("GEN4J_QUICK_START", "on"), "fit", "vae", "--data", "mnist"));
    }

    private static Path file(String name, int bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, new byte[bytes]);
        return file;
    }

    /** The options gen4j_quick_start chooses for a command line, from the checkout's launcher folder. */
    private static String optionsFor(Map<String, String> environment, String... arguments) throws Exception {
        String script = ". src/main/sh/short-run.sh && gen4j_quick_start \"$PWD\" \"$@\" && printf '%s' \"$GEN4J_QUICK_OPTS\"";
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "short-run"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("GEN4J_QUICK_START");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }
}
