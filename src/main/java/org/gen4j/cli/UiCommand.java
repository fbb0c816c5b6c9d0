package org.gen4j.cli;

import org.gen4j.train.TrainingUi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code gen4j ui RUN}: DL4J's training UI over the statistics a network run recorded. */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show DL4J's training UI for a finished vae or gan run that recorded statistics (training.ui or"
                + " train --ui); runs until Ctrl-C.")
final class UiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder (or its ui-stats.dl4j file).")
    Path run;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to serve on (default 9000).")
    int port = 9000;

    @Override
    public void run() {
        TrainingUi ui = TrainingUi.replay(run, port);
        spec.commandLine().getOut().println("DL4J training UI: " + ui.address() + " (Ctrl-C to stop)");
        spec.commandLine().getOut().flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ui.close();
        }
    }
}
