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

    /**
     * {@code gen4j train RECIPE ...} in a child JVM (so that it can be killed), its output piped to this process.
     * SIGINT is reset to its default in the child: a test JVM started in the background inherits it ignored, and
     * a JVM that starts with SIGINT ignored never runs its shutdown hooks on Ctrl-C.
     */
    static ChildRun trainInChild(Path recipe, Path output, String... more) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", java));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            // the same kernels as this JVM: SIMD and ND4J log-sum-exps differ in the last bits, and resumed runs
            // are compared with in-process ones to the last digit
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.gen4j.cli.Gen4j", "train", recipe.toString(), "--set", "output=" + output));
        command.addAll(List.of(more));
        return new ChildRun(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * A training run in a child JVM whose output this process reads line by line. While nobody reads, the child
     * stops once the pipe is full (64 KB): a run printing a line per iteration cannot run ahead of the test by more
     * than that, so it cannot finish behind the test's back however loaded the machine is.
     */
    static final class ChildRun {
        private final Process process;
        private final java.io.BufferedReader lines;
        private final StringBuilder log = new StringBuilder();

        ChildRun(Process process) {
            this.process = process;
            this.lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Reads output until {@code condition} holds (checked after every line); false if the output ended first. */
        boolean readUntil(java.util.function.BooleanSupplier condition) throws IOException {
            String line;
            while ((line = lines.readLine()) != null) {
                log.append(line).append('\n');
                if (condition.getAsBoolean()) {
                    return true;
                }
            }
            return false;
        }

        /** Reads the rest of the output and waits for the child to end. @return its exit code */
        int finish() throws IOException, InterruptedException {
            readUntil(() -> false);
            return process.waitFor();
        }

        void interrupt() throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        boolean alive() {
            return process.isAlive();
        }

        long pid() {
            return process.pid();
        }

        String log() {
            return log.toString();
        }
    }

    /** Whether the run folder under {@code output} has a checkpoint whose name starts with {@code prefix}. */
    static boolean hasCheckpoint(Path output, String prefix) {
        try {
            Path checkpoints = Files.isDirectory(output) ? onlyRun(output).resolve("checkpoints") : null;
            if (checkpoints == null || !Files.isDirectory(checkpoints)) {
                return false;
            }
            try (Stream<Path> states = Files.list(checkpoints)) {
                return states.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
            }
        } catch (IOException | java.util.NoSuchElementException e) {
            return false;                                     // the folder is being made: look again at the next line
        }
    }

    /**
     * Runs {@code recipe} in a child JVM, kills it with SIGKILL once a checkpoint whose folder name starts with
     * {@code checkpointPrefix} exists, resumes it in-process, runs the recipe again uninterrupted, and returns both
     * run folders: {@code [resumed, straight]}.
     */
    static Path[] killResumeAndRunStraight(Path recipe, Path dir, String checkpointPrefix) throws Exception {
        Path killedOutput = dir.resolve("killed");
        ChildRun child = trainInChild(recipe, killedOutput);
        if (!child.readUntil(() -> hasCheckpoint(killedOutput, checkpointPrefix))) {
            throw new AssertionError("the child run ended before its checkpoint " + checkpointPrefix + ": " + child.log());
        }
        child.kill();
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
