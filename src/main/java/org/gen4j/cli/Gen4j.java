package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.Gen4jVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code gen4j} command line: {@code gen4j info | fit | score | sample | decode | infer}. Every subcommand has
 * {@code --help}; bad input ends with exit code 2 and one line that names the problem.
 */
@Command(name = "gen4j", mixinStandardHelpOptions = true, versionProvider = Gen4j.Version.class,
        description = "Generative models for the JVM: Gaussian mixtures, hidden Markov models and Bayesian networks.")
public final class Gen4j implements Runnable {
    /** Each command's subcommands, in the order its help lists them (not in their annotations: see {@link #commandLine}). */
    private static final java.util.Map<Class<?>, List<Class<?>>> SUBCOMMANDS = java.util.Map.of(
            Gen4j.class, List.of(InfoCommand.class, FitCommand.class, ClassifierCommand.class, EvalCommand.class, ImportCommand.class,
                    ScoreCommand.class, EncodeCommand.class, SampleCommand.class, DecodeCommand.class, InferCommand.class,
                    LearnCommand.class, GraphCommand.class, TrainCommand.class, SearchCommand.class, UiCommand.class,
                    ServeCommand.class, NotebookCommand.class, ImputeCommand.class, CommandLine.HelpCommand.class),
            FitCommand.class, List.of(FitGmmCommand.class, FitHmmCommand.class, FitBnCommand.class, FitVaeCommand.class,
                    FitGanCommand.class));

    /** Exit code for bad input (flags, data, files): the user can fix it. */
    static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        if (needsBackend(args)) {
            BackendStart.quietly();                         // a CUDA build on a machine without a GPU: no ND4J stack trace
            org.gen4j.kernels.NativeRuntime.install();       // before any ND4J work: its operations then keep their arrays alive
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Help and the version only print: they start no native backend, whose start was half of their time. */
    static boolean needsBackend(String[] args) {
        if (args.length == 0 || java.util.List.of("help", "--help", "-h", "--version", "-V").contains(args[0])) {
            return false;
        }
        return java.util.Arrays.stream(args).noneMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /** The command line with every subcommand. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line with only the subcommands a run names, level by level, or every one at a level where it names
     * none of them (help, the version, a mistyped name that gets suggestions) or asks {@code help} about one:
     * picocli reflects over every command it is given, and building all of them took a quarter of a second of each
     * run.
     */
    static CommandLine commandLine(String[] args) {
        return build(Gen4j.class, args, 0);
    }

    private static CommandLine build(Class<?> command, String[] args, int depth) {
        CommandLine cli = new CommandLine(command);
        List<Class<?>> children = SUBCOMMANDS.getOrDefault(command, List.of());
        String word = depth < args.length && !args[0].equals("help") ? args[depth] : null;
        boolean named = children.stream().anyMatch(c -> names(c).contains(word));
        for (Class<?> child : children) {
            if (!named || names(child).contains(word)) {
                cli.addSubcommand(build(child, args, named ? depth + 1 : args.length));
            }
        }
        return cli;
    }

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new java.util.ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
    }

    /** Runs one command line with the given output streams; returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        cli.setDefaultValueProvider(new TrainerDefaults());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("gen4j: " + e.getMessage() + " (see: " + e.getCommandLine().getCommandName() + " --help)");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof Gen4jException) {
                err.println("gen4j: " + e.getMessage());
                return USER_ERROR;
            }
            if (nativeAllocationFailed(e)) {
                err.println(outOfMemory("native memory: " + e.getMessage()));
                return USER_ERROR;
            }
            throw e;
        });
        cli.setExecutionStrategy(parseResult -> {
            try {
                OutputGuard.check(parseResult);
                return new CommandLine.RunLast().execute(parseResult);
            } catch (Gen4jException e) {
                err.println("gen4j: " + e.getMessage());
                return USER_ERROR;
            } catch (OutOfMemoryError e) {
                err.println(outOfMemory(e.getMessage()));
                return USER_ERROR;
            } catch (LinkageError e) {
                if (!noBackend(e)) {
                    throw e;
                }
                err.println("gen4j: no ND4J backend can run on this machine: a CUDA-only build (-Pcuda) needs an NVIDIA GPU"
                        + " and its driver (libcuda.so.1); build with -Pcuda,cpu to fall back to the CPU, or without -Pcuda");
                return USER_ERROR;
            }
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** ND4J found no backend it could load (its static start-up failed, now or in an earlier call). */
    private static boolean noBackend(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("NoAvailableBackendException")
                    || String.valueOf(cause.getMessage()).contains("Could not initialize class org.nd4j.linalg.factory.Nd4j")) {
                return true;
            }
        }
        return false;
    }

    private static String outOfMemory(String detail) {
        return "gen4j: out of memory (" + detail + "): this needs more than the " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MB heap the JVM may use (or its native memory); ask for less (fewer rows, samples or components, a diagonal"
                + " covariance) or give it more (GEN4J_JAVA_OPTS=\"-Xmx16g -Dorg.bytedeco.javacpp.maxbytes=32G\")";
    }

    /** ND4J says a failed native allocation with a RuntimeException, not an OutOfMemoryError. */
    private static boolean nativeAllocationFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof OutOfMemoryError || message.contains("std::bad_alloc") || message.startsWith("Allocation failed")
                    || message.contains("Cannot allocate new") || message.contains("Physical memory usage is too high")) {
                return true;
            }
        }
        return false;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"gen4j " + Gen4jVersion.current()};
        }
    }
}
