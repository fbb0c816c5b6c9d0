package org.gen4j.train;

import org.gen4j.cli.Gen4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the training-run tests share: running the CLI in-process and reading a run folder. */
final class RunFolders {
    private RunFolders() {
    }

    static int gen4j(String... args) {
        return Gen4j.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(System.err, true));
    }

    /** The one run folder an output folder holds. */
    static Path onlyRun(Path output) throws IOException {
        try (Stream<Path> runs = Files.list(output)) {
            return runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** metrics.csv without its last column (elapsed seconds), which differs between equal runs. */
    static List<String> metricsWithoutTimes(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    /** Starts {@code gen4j train RECIPE ...} in a child JVM (so that it can be killed), logging to {@code log}. */
    static Process trainInChild(Path recipe, Path output, Path log, String... more) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            // the same kernels as this JVM: SIMD and ND4J log-sum-exps differ in the last bits, and resumed runs
            // are compared with in-process ones to the last digit
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.gen4j.cli.Gen4j", "train", recipe.toString(), "--set", "output=" + output));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Runs {@code recipe} in a child JVM, kills it with SIGKILL once a checkpoint whose folder name starts with
     * {@code checkpointPrefix} exists, resumes it in-process, runs the recipe again uninterrupted, and returns both
     * run folders: {@code [resumed, straight]}.
     */
    static Path[] killResumeAndRunStraight(Path recipe, Path dir, String checkpointPrefix) throws Exception {
        Path killedOutput = dir.resolve("killed");
        Path log = dir.resolve("child.log");
        Process child = trainInChild(recipe, killedOutput, log, "--quiet");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            Path checkpoints = Files.isDirectory(killedOutput) ? onlyRun(killedOutput).resolve("checkpoints") : null;
            if (checkpoints != null && Files.isDirectory(checkpoints)) {
                try (Stream<Path> states = Files.list(checkpoints)) {
                    if (states.anyMatch(p -> p.getFileName().toString().startsWith(checkpointPrefix))) {
                        break;
                    }
                }
            }
            Thread.sleep(10);
        }
        if (!child.isAlive()) {
            throw new AssertionError("the child run must still be going when it is killed: " + Files.readString(log));
        }
        child.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        Path killedRun = onlyRun(killedOutput);
        if (Files.exists(killedRun.resolve("report.md"))) {
            throw new AssertionError("the killed run finished before it was killed");
        }
        if (gen4j("train", "--resume", killedRun.toString(), "--quiet") != 0) {
            throw new AssertionError("resume failed");
        }
        Path straightOutput = dir.resolve("straight");
        if (gen4j("train", recipe.toString(), "--set", "output=" + straightOutput, "--quiet") != 0) {
            throw new AssertionError("the straight run failed");
        }
        return new Path[]{killedRun, onlyRun(straightOutput)};
    }
}
