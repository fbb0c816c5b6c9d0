package org.gen4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the classes typical commands load, so that the launcher can dump them into a class-data archive
 * ({@code -XX:ArchiveClassesAtExit}) that later runs map instead of loading and verifying each class: a first call
 * then starts in about half the time. Runs small versions of the common commands (info, fit gmm and hmm, infer,
 * sample, score, fit vae) into a temporary folder, quietly, and deletes it.
 */
public final class ClassArchiveWarmup {
    private ClassArchiveWarmup() {
    }

    public static void main(String[] args) throws IOException {
        BackendStart.quietly();
        org.gen4j.kernels.NativeRuntime.install();
        Path dir = Files.createTempDirectory("gen4j-warmup");
        int failed = 0;
        try {
            String gmm = dir.resolve("f.gmm").toString(), hmm = dir.resolve("e.hmm").toString(), vae = dir.resolve("v.gen4j").toString();
            List<String[]> commands = List.of(
                    new String[]{"info"},
                    new String[]{"fit", "gmm", "--data", "faithful", "-k", "2", "--out", gmm},
                    new String[]{"fit", "gmm", "--data", "faithful", "-k", "2", "--json", "--out", dir.resolve("g.gmm").toString()},
                    new String[]{"score", "--model", gmm, "--data", "faithful", "--out", dir.resolve("s.csv").toString()},
                    new String[]{"sample", "--model", gmm, "-n", "5", "--out", dir.resolve("x.csv").toString()},
                    new String[]{"fit", "hmm", "--data", "eustock-returns", "-k", "2", "--max-iter", "3", "--out", hmm},
                    new String[]{"infer", "--model", "asia", "--query", "lung", "--evidence", "xray=yes", "--json"},
                    new String[]{"fit", "vae", "--data", "digits", "--limit", "64", "--epochs", "1", "--out", vae});
            for (String[] command : commands) {
                failed += Gen4j.execute(command, quiet(), quiet()) == 0 ? 0 : 1;
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(failed == 0 ? 0 : 1);         // the archive is written as the JVM exits
    }

    private static PrintWriter quiet() {
        return new PrintWriter(Writer.nullWriter());
    }
}
