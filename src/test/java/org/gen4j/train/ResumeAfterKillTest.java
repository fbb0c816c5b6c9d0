package org.gen4j.train;

import org.gen4j.core.ModelIO;
import org.gen4j.gmm.GaussianMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.gen4j.train.RunFolders.gen4j;
import static org.gen4j.train.RunFolders.metricsWithoutTimes;
import static org.gen4j.train.RunFolders.onlyRun;
import static org.gen4j.train.RunFolders.trainInChild;
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
              maxIter: 1500
              tol: 0
              seed: 3
              checkpointEvery: 25
            """;

    @TempDir
    Path dir;

    @Test
    void killedAndResumedEqualsUninterrupted() throws Exception {
        Path recipe = dir.resolve("long-gmm.yaml");
        Files.writeString(recipe, RECIPE);
        // kill -9 in the middle of the run: past iteration 100 of the first restart
        Path[] runs = RunFolders.killResumeAndRunStraight(recipe, dir, "state-000-0001");
        Path killedRun = runs[0], straightRun = runs[1];

        assertEquals(metricsWithoutTimes(straightRun), metricsWithoutTimes(killedRun));
        GaussianMixture a = ModelIO.load(straightRun.resolve("model.gen4j"), GaussianMixture.class);
        GaussianMixture b = ModelIO.load(killedRun.resolve("model.gen4j"), GaussianMixture.class);
        assertBitIdentical(a.means(), b.means());
        assertBitIdentical(a.covariances(), b.covariances());
    }

    @Test
    void ctrlCStopsAfterWritingACheckpoint() throws Exception {
        Path recipe = dir.resolve("long-gmm.yaml");
        // a line per iteration and 3,000 of them: the child cannot finish while the test is not reading
        Files.writeString(recipe, RECIPE.replace("checkpointEvery: 25", "checkpointEvery: 100000"));
        Path output = dir.resolve("interrupted");
        RunFolders.ChildRun child = trainInChild(recipe, output);
        int[] lines = {0};
        assertTrue(child.readUntil(() -> ++lines[0] > 60), "some iterations done, no checkpoint yet: " + child.log());
        child.interrupt();
        child.finish();                                        // the run stops after Ctrl-C (no time limit: an event)
        Path run = onlyRun(output);
        assertTrue(new Checkpoints(run, 3).latest().isPresent(), "a checkpoint was written on the way out");
        assertTrue(child.log().contains("stopped on Ctrl-C"), child.log());
        // the resumed run goes on from there: Ctrl-C it again once it has made progress, and it stops again
        RunFolders.ChildRun resumed = new RunFolders.ChildRun(new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), "org.gen4j.cli.Gen4j", "train", "--resume", run.toString())
                .redirectErrorStream(true).start());
        assertTrue(resumed.readUntil(() -> resumed.log().contains("iteration")), resumed.log());
        resumed.interrupt();
        resumed.finish();
        assertTrue(resumed.log().contains("resum") && resumed.log().contains("stopped on Ctrl-C"), resumed.log());
    }

    /** A second process cannot resume a folder that a live run holds; once that run is killed, it can. */
    @Test
    void aRunFolderInUseIsNotResumedBesideItsRun() throws Exception {
        Path recipe = dir.resolve("long-gmm.yaml");
        Files.writeString(recipe, RECIPE);
        Path output = dir.resolve("busy");
        RunFolders.ChildRun child = trainInChild(recipe, output);
        assertTrue(child.readUntil(() -> RunFolders.hasCheckpoint(output, "state-000-0000")), child.log());
        Path run = onlyRun(output);
        long metricsBefore = Files.size(run.resolve("metrics.csv"));
        java.io.StringWriter err = new java.io.StringWriter();
        int code = org.gen4j.cli.Gen4j.execute(new String[]{"train", "--resume", run.toString(), "--quiet"},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("is in use by another training process (pid " + child.pid() + ")"), err.toString());
        assertTrue(Files.size(run.resolve("metrics.csv")) >= metricsBefore, "the live run's metrics are not cut");
        child.kill();
        assertEquals(0, gen4j("train", "--resume", run.toString(), "--quiet"), "the folder is free once its process is gone");
    }

    /** An HMM run killed with SIGKILL in the middle of its first restart resumes to what a straight run gives. */
    @Test
    void hiddenMarkovRunsResumeExactlyToo() throws Exception {
        Path recipe = dir.resolve("long-hmm.yaml");
        Files.writeString(recipe, """
                name: long-hmm
                model: {family: hmm, states: 2, emission: gaussian, covariance: full, nInit: 2}
                data: {source: eustock-returns, columns: [DAX, SMI, CAC, FTSE], trainFraction: 0.8}
                training: {maxIter: 1500, tol: 0, seed: 1, checkpointEvery: 25}
                """);
        Path[] runs = RunFolders.killResumeAndRunStraight(recipe, dir, "state-000-0001");
        Path killedRun = runs[0], straightRun = runs[1];
        assertEquals(metricsWithoutTimes(straightRun), metricsWithoutTimes(killedRun));
        org.gen4j.hmm.HiddenMarkovModel a = ModelIO.load(straightRun.resolve("model.gen4j"), org.gen4j.hmm.HiddenMarkovModel.class);
        org.gen4j.hmm.HiddenMarkovModel b = ModelIO.load(killedRun.resolve("model.gen4j"), org.gen4j.hmm.HiddenMarkovModel.class);
        assertBitIdentical(a.transMat(), b.transMat());
        assertBitIdentical(a.startProb(), b.startProb());
    }

    @Test
    void aDamagedCheckpointIsSkippedForTheOneBefore() throws Exception {
        Path recipe = dir.resolve("short.yaml");
        Files.writeString(recipe, RECIPE.replace("maxIter: 1500", "maxIter: 100"));
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
