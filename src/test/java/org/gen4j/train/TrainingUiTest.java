package org.gen4j.train;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.gen4j.train.RunFolders.gen4j;
import static org.gen4j.train.RunFolders.onlyRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DL4J's training UI as an option of network runs: statistics recorded by the StatsListener, served by the UI. */
class TrainingUiTest {
    @TempDir
    Path dir;

    @Test
    void aVaeRunRecordsStatisticsThatTheUiServes() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StringWriter out = new StringWriter();
        int status = org.gen4j.cli.Gen4j.execute(new String[]{"train", "training/vae-digits.yaml", "--set", "output=" + dir,
                        "--set", "training.epochs=2", "--set", "training.checkpointEvery=0", "--ui", "--ui-port", String.valueOf(port), "--quiet"},
                new PrintWriter(out), new PrintWriter(System.err, true));
        assertEquals(0, status);
        assertTrue(out.toString().contains("DL4J training UI: http://localhost:" + port + "/train"), out.toString());
        Path run = onlyRun(dir);
        Path stats = run.resolve(TrainingUi.STATS_FILE);
        assertTrue(Files.isRegularFile(stats));

        StatsStorage recorded = new FileStatsStorage(stats.toFile());
        try {
            assertEquals(1, recorded.listSessionIDs().size());
            String session = recorded.listSessionIDs().get(0);
            int iterations = 2 * (int) Math.ceil(1527 / 64.0);
            assertTrue(recorded.getNumUpdateRecordsFor(session) >= 2, "updates recorded");
            String type = recorded.listTypeIDsForSession(session).get(0);
            String worker = recorded.listWorkerIDsForSession(session).get(0);
            org.deeplearning4j.ui.model.stats.api.StatsReport last =
                    (org.deeplearning4j.ui.model.stats.api.StatsReport) recorded.getLatestUpdate(session, type, worker);
            // DL4J's listener reports every 10th iteration by default
            assertTrue(last.getIterationCount() > iterations - 1 - 10 && last.getIterationCount() <= iterations - 1,
                    "the last report is of a late iteration: " + last.getIterationCount());
            assertTrue(last.hasScore() && last.getScore() > 20 && last.getScore() < 60, "the negative ELBO per digit: " + last.getScore());
        } finally {
            recorded.close();
        }

        // the finished run, shown again (gen4j ui RUN) on the server that is already up in this JVM
        try (TrainingUi replay = TrainingUi.replay(run, port)) {
            HttpURLConnection page = (HttpURLConnection) new URL(replay.address() + "/overview").openConnection();
            // a server that accepts but never answers fails the test instead of hanging the suite
            page.setConnectTimeout(120_000);
            page.setReadTimeout(120_000);
            assertEquals(200, page.getResponseCode());
            try (InputStream body = page.getInputStream()) {
                assertTrue(new String(body.readAllBytes(), StandardCharsets.UTF_8).toLowerCase().contains("<html"));
            }
        }
    }

    @Test
    void theUiKeyIsForNetworkRecipesAndTheRunFolderMustHoldStatistics() throws IOException {
        StringWriter err = new StringWriter();
        int status = org.gen4j.cli.Gen4j.execute(new String[]{"train", "training/gmm-faithful.yaml", "--set", "output=" + dir, "--ui"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("training.ui") && err.toString().contains("vae and gan"), err.toString());

        Files.createDirectories(dir.resolve("empty-run"));
        StringWriter err2 = new StringWriter();
        assertEquals(2, org.gen4j.cli.Gen4j.execute(new String[]{"ui", dir.resolve("empty-run").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err2)));
        assertTrue(err2.toString().contains("no training-UI statistics"), err2.toString());
        assertFalse(err2.toString().contains("Exception"), err2.toString());
        assertEquals(0, gen4j("ui", "--help"));
    }
}
