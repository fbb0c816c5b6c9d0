package org.gen4j.train;

import org.gen4j.cli.Gen4j;
import org.gen4j.core.ModelIO;
import org.gen4j.gmm.GaussianMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run killed with SIGKILL and resumed ends with the same metrics and model as an uninterrupted run. */
class ResumeAfterKillTest {
    private static final String RECIPE = """
            name: long-gmm
            model:
              family: gmm
              components: 8
              covariance: full
              init: random
              nInit: 2
            data:
              source: eustock-returns
            training:
              maxIter: 600
              tol: 0
              seed: 3
              checkpointEvery: 25
            """;

    @TempDir
    Path dir;

    private static int gen4j(String... args) {
        return Gen4j.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(System.err, true));
    }

    private static Path onlyRun(Path output) throws IOException {
        try (Stream<Path> runs = Files.list(output)) {
            return runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static List<String> metricsWithoutTimes(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void killedAndResumedEqualsUninterrupted() throws Exception {
        Path recipe = dir.resolve("long-gmm.yaml");
        Files.writeString(recipe, RECIPE);
        Path killedOutput = dir.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.gen4j.cli.Gen4j",
                "train", recipe.toString(), "--set", "output=" + killedOutput, "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        // wait for a few checkpoints, then kill -9 in the middle of the run
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            Path checkpoints = Files.isDirectory(killedOutput) ? onlyRun(killedOutput).resolve("checkpoints") : null;
            if (checkpoints != null && Files.isDirectory(checkpoints)) {
                try (Stream<Path> states = Files.list(checkpoints)) {
                    if (states.filter(p -> p.getFileName().toString().startsWith("state-000-0001")).count() > 0) {
                        break;                                // past iteration 100 of the first restart
                    }
                }
            }
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child run must still be going when it is killed: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Path killedRun = onlyRun(killedOutput);
        assertTrue(Files.notExists(killedRun.resolve("report.md")), "the killed run did not finish");

        assertEquals(0, gen4j("train", "--resume", killedRun.toString(), "--quiet"));
        Path straightOutput = dir.resolve("straight");
        assertEquals(0, gen4j("train", recipe.toString(), "--set", "output=" + straightOutput, "--quiet"));
        Path straightRun = onlyRun(straightOutput);

        assertEquals(metricsWithoutTimes(straightRun), metricsWithoutTimes(killedRun));
        GaussianMixture a = ModelIO.load(straightRun.resolve("model.gen4j"), GaussianMixture.class);
        GaussianMixture b = ModelIO.load(killedRun.resolve("model.gen4j"), GaussianMixture.class);
        assertEquals(a.means(), b.means());
        assertEquals(a.covariances(), b.covariances());
    }

    @Test
    void ctrlCStopsAfterWritingACheckpoint() throws Exception {
        Path recipe = dir.resolve("long-gmm.yaml");
        Files.writeString(recipe, RECIPE.replace("checkpointEvery: 25", "checkpointEvery: 1000"));
        Path output = dir.resolve("interrupted");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.gen4j.cli.Gen4j",
                "train", recipe.toString(), "--set", "output=" + output)
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            Path metrics = Files.isDirectory(output) ? onlyRun(output).resolve("metrics.csv") : null;
            if (metrics != null && Files.exists(metrics) && Files.size(metrics) > 2000) {
                break;                                         // some iterations done, no checkpoint yet (every 1000)
            }
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), Files.readString(dir.resolve("child.log")));
        new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start().waitFor();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run stops after Ctrl-C");
        Path run = onlyRun(output);
        assertTrue(new Checkpoints(run, 3).latest().isPresent(), "a checkpoint was written on the way out");
        assertTrue(Files.readString(dir.resolve("child.log")).contains("stopped on Ctrl-C"), Files.readString(dir.resolve("child.log")));
        assertEquals(0, gen4j("train", "--resume", run.toString(), "--quiet"));
        assertTrue(Files.isRegularFile(run.resolve("report.md")));
    }

    /** An HMM run resumed from a middle checkpoint (later ones removed, as if killed there) equals a straight run. */
    @Test
    void hiddenMarkovRunsResumeExactlyToo() throws Exception {
        Path recipe = Path.of("training/hmm-eustocks.yaml");
        List<String> settings = List.of("--set", "training.tol=0", "--set", "training.maxIter=30", "--set",
                "training.checkpointEvery=5", "--set", "model.nInit=2", "--quiet");
        List<String> first = new java.util.ArrayList<>(List.of("train", recipe.toString(), "--set", "output=" + dir.resolve("a")));
        first.addAll(settings);
        assertEquals(0, gen4j(first.toArray(new String[0])));
        Path interrupted = onlyRun(dir.resolve("a"));
        Path straightMetrics = dir.resolve("straight-metrics.csv");
        Files.copy(interrupted.resolve("metrics.csv"), straightMetrics);
        // keep only the oldest of the three kept checkpoints, and forget the finished results
        List<Path> states;
        try (Stream<Path> s = Files.list(interrupted.resolve("checkpoints"))) {
            states = s.sorted().toList();
        }
        for (Path newer : states.subList(1, states.size())) {
            try (Stream<Path> walk = Files.walk(newer)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.delete(interrupted.resolve("report.md"));
        Files.delete(interrupted.resolve("model.gen4j"));
        assertEquals(0, gen4j("train", "--resume", interrupted.toString(), "--quiet"));
        assertEquals(Files.readAllLines(straightMetrics).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList(),
                metricsWithoutTimes(interrupted));
        assertTrue(Files.isRegularFile(interrupted.resolve("model.gen4j")));
    }

    @Test
    void aDamagedCheckpointIsSkippedForTheOneBefore() throws Exception {
        Path recipe = dir.resolve("short.yaml");
        Files.writeString(recipe, RECIPE.replace("maxIter: 600", "maxIter: 100"));
        assertEquals(0, gen4j("train", recipe.toString(), "--set", "output=" + dir.resolve("out"), "--quiet"));
        Path run = onlyRun(dir.resolve("out"));
        List<Path> states;
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            states = s.sorted().toList();
        }
        assertEquals(3, states.size(), "the last three are kept");
        Path newest = states.get(2).resolve("current.gen4j");
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        var latest = new Checkpoints(run, 3).latest().orElseThrow();
        assertEquals(states.get(1).getFileName().toString(),
                String.format("state-%03d-%06d", latest.run(), latest.iteration()));
    }
}
