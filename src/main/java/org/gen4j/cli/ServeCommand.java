package org.gen4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.CountDownLatch;

/** {@code gen4j serve}: a long-running HTTP server answering scoring requests for one model (see {@link ScoringServer}). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a model over HTTP, as JSON: GET /health; POST /score {\"rows\": [[...]], \"threshold\": t}"
                + " (log-likelihood, anomaly score, verdict; an HMM takes \"sequences\"); POST /query (a Bayesian network,"
                + " one query of infer --queries' form); POST /sample {\"n\": 10, \"seed\": 1}; POST /reload (read the"
                + " model file again; requests under way finish with the old one). Ctrl-C or SIGTERM stops it after the"
                + " requests under way."})
final class ServeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model saved by gen4j, a .bif file, or a bundled network.")
    String model;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "H",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--max-body", defaultValue = "10000000", paramLabel = "BYTES",
            description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--watch", description = "Read the model file again whenever it is written (a broken file keeps the previous model).")
    boolean watch;

    @Override
    public void run() {
        ScoringServer server = new ScoringServer(model, maxBody);
        if (watch) {
            server.watch(spec.commandLine().getErr());
        }
        int bound = server.start(host, port);
        spec.commandLine().getOut().printf("serving %s on http://%s:%d (GET /health; POST /score, /query, /sample, /reload)%n",
                model, host, bound);
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();                       // graceful: requests under way finish
            stopped.countDown();
        }, "gen4j-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }
}
