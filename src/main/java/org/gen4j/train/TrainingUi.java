package org.gen4j.train;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.gen4j.core.Gen4jException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DL4J's training UI for a network run: a {@link StatsListener} records scores, updates, parameters and timings into
 * {@code ui-stats.dl4j} in the run folder (so a finished run can be shown again with {@code gen4j ui RUN}), and
 * DL4J's UI server shows them at {@code http://localhost:PORT/train} while the run goes on.
 * <pre>{@code
 * TrainingUi ui = TrainingUi.serve(runFolder, 9000);
 * new VaeTrainer(arch).listeners(ui.listener()).fit(train, test);
 * }</pre>
 */
public final class TrainingUi implements AutoCloseable {
    public static final String STATS_FILE = "ui-stats.dl4j";
    private final StatsStorage storage;
    private final VertxUIServer server;

    private TrainingUi(StatsStorage storage, VertxUIServer server) {
        this.storage = storage;
        this.server = server;
    }

    /** Records into {@code folder/ui-stats.dl4j} and serves the UI on {@code port}. */
    public static TrainingUi serve(Path folder, int port) {
        return show(folder.resolve(STATS_FILE), port, true);
    }

    /** Serves the recorded statistics of a finished run (its folder or its stats file). */
    public static TrainingUi replay(Path runOrFile, int port) {
        Path file = Files.isDirectory(runOrFile) ? runOrFile.resolve(STATS_FILE) : runOrFile;
        if (!Files.isRegularFile(file)) {
            throw new Gen4jException("no training-UI statistics at " + file + " (runs record them with training.ui: true or --ui)");
        }
        return show(file, port, false);
    }

    private static TrainingUi show(Path file, int port, boolean fresh) {
        if (port < 1 || port > 65535) {
            throw new Gen4jException("the UI port must be between 1 and 65535, got " + port);
        }
        StatsStorage storage;
        try {
            if (fresh) {
                Files.deleteIfExists(file);
            }
            storage = new FileStatsStorage(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new Gen4jException("cannot open the training-UI statistics " + file + ": " + e.getMessage());
        }
        VertxUIServer server;
        try {
            server = VertxUIServer.getInstance(port, false, null);
        } catch (RuntimeException e) {
            throw new Gen4jException("cannot start DL4J's training UI on port " + port + " (" + e.getMessage()
                    + "); choose another with training.uiPort or --ui-port");
        }
        if (server.getPort() != port) {
            throw new Gen4jException("DL4J's training UI already runs on port " + server.getPort() + " in this JVM, not " + port);
        }
        server.attach(storage);
        return new TrainingUi(storage, server);
    }

    /**
     * The UI a network recipe asks for with {@code training.ui: true} (port {@code training.uiPort}, default 9000),
     * or null.
     */
    static TrainingUi forRecipe(Recipe r, TrainingRun run) {
        if (!r.trainingBoolean("ui", false)) {
            return null;
        }
        TrainingUi ui = serve(run.folder(), r.trainingInt("uiPort", VertxUIServer.DEFAULT_UI_PORT));
        run.note("DL4J training UI: " + ui.address() + " (statistics saved to " + run.folder().resolve(STATS_FILE)
                + "; gen4j ui " + run.folder() + " shows them after the run)");
        return ui;
    }

    /** The listener to add to the network's trainer. */
    public TrainingListener listener() {
        return new StatsListener(storage);
    }

    public String address() {
        return "http://localhost:" + server.getPort() + "/train";
    }

    public StatsStorage storage() {
        return storage;
    }

    /** Stops showing this run's statistics (the file stays). */
    @Override
    public void close() {
        server.detach(storage);
        try {
            storage.close();
        } catch (IOException e) {
            throw new Gen4jException("cannot close the training-UI statistics: " + e.getMessage());
        }
    }
}
