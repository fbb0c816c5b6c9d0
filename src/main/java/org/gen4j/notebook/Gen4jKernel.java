package org.gen4j.notebook;

import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gen4j Jupyter kernel: Java cells evaluated by JShell in the kernel's JVM, with gen4j and its dependencies on
 * the class path, on JJava's Jupyter messaging ({@code jjava-jupyter}). The value of a cell's last expression is
 * shown: gen4j pictures and images as PNG, arrays and tables as text and HTML ({@link Displays}). A failing cell is
 * a Jupyter error: a gen4j error is its one-line message, another exception its class, message and stack; an
 * interrupt stops a training loop at its next batch or iteration. {@code %classpath} and {@code %jars} add the
 * user's own jars.
 *
 * <pre>{@code
 * ./gen4j notebook install        # writes the kernelspec "gen4j"
 * ./gen4j notebook                # opens Jupyter; pick the "gen4j (Java)" kernel
 * }</pre>
 */
public final class Gen4jKernel extends BaseKernel {
    private final JShell shell;
    private final SnippetExecution execution;

    private Gen4jKernel(MagicsRegistry magics, JShell shell, SnippetExecution execution) {
        super("gen4j", org.gen4j.core.Gen4jVersion.current(),
                new LanguageInfo("java", System.getProperty("java.version"), "text/x-java-source", ".jshell", "java", "java", null),
                List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()), magics, false,
                new StringStyler.Builder().addPrimaryStyle(TextColor.BOLD_BLACK_FG).addSecondaryStyle(TextColor.BOLD_RED_FG)
                        .addHighlightStyle(TextColor.BOLD_RED_FG).build());
        this.shell = shell;
        this.execution = execution;
        Displays.registerAll(getRenderer());
    }

    /** A kernel whose cells see this JVM's class path (gen4j and every dependency). */
    public static Gen4jKernel create() {
        SnippetExecution.Provider provider = new SnippetExecution.Provider();
        JShell shell = JShell.builder().executionEngine(provider, java.util.Map.of()).out(System.out).err(System.err).build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            shell.addToClasspath(entry);
        }
        MagicsRegistry magics = new MagicsRegistry();
        LineMagic<List<String>, Gen4jKernel> classpath = Gen4jKernel::addToClasspath;
        magics.registerLineMagic("classpath", classpath);
        magics.registerLineMagic("jars", classpath);
        return new Gen4jKernel(magics, shell, provider.execution());
    }

    /** Adds jars or folders (globs such as {@code lib/*.jar} expand) to what cells can use; returns what was added. */
    List<String> addToClasspath(List<String> entries) throws java.io.IOException {
        List<String> added = new ArrayList<>();
        for (String entry : entries) {
            for (java.nio.file.Path path : Globs.expand(entry)) {
                shell.addToClasspath(path.toAbsolutePath().toString());
                added.add(path.toString());
            }
        }
        if (added.isEmpty()) {
            throw new IllegalArgumentException("no jar or folder matches " + entries);
        }
        return added;
    }

    @Override
    public DisplayData eval(String source) {
        Object value = evalRaw(source);
        return value == null ? null : value instanceof DisplayData data ? data : Displays.render(getRenderer(), value);
    }

    /** Runs a cell snippet by snippet; the value of the last one, if it is an expression, is the cell's result. */
    @Override
    public Object evalRaw(String source) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = getMagicParser().resolveMagics(source);
        Object value = null;
        execution.beginCell();
        while (!remaining.isBlank()) {
            if (execution.stopRequested()) {
                throw new CellFailure("Interrupted", "the cell was stopped", List.of());
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                throw new CellFailure("IncompleteInput", "the cell ends in the middle of a statement", List.of(remaining.strip()));
            }
            value = null;
            for (SnippetEvent event : shell.eval(info.source())) {
                if (event.causeSnippet() != null) {
                    continue;                      // an update to an older snippet, not this one
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    throw compileError(event.snippet());
                }
                if (event.exception() != null) {
                    throw runtimeError(event.exception());
                }
                Object result = execution.takeLastValue();
                boolean expression = event.snippet() instanceof ExpressionSnippet
                        || event.snippet() instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
                // System.out.printf(...) returns the stream: printing it again would only add noise
                value = expression && !(result instanceof java.io.PrintStream) ? result : null;
            }
            remaining = info.remaining();
        }
        return value;
    }

    private CellFailure compileError(Snippet snippet) {
        List<String> lines = new ArrayList<>(StringStyler.splitLines(snippet.source().strip()));
        shell.diagnostics(snippet).forEach(d -> lines.add(d.getMessage(null)));
        return new CellFailure("CompilationError", shell.diagnostics(snippet).map(d -> d.getMessage(null).lines().findFirst().orElse(""))
                .collect(Collectors.joining("; ")), lines);
    }

    private CellFailure runtimeError(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            String missing = shell.unresolvedDependencies(unresolved.getSnippet()).collect(Collectors.joining(", "));
            return new CellFailure("UnresolvedReference", "the cell uses what is not defined: " + missing, List.of());
        }
        EvalException e = (EvalException) exception;
        String type = e.getExceptionClassName();
        if (type.equals(org.gen4j.core.TrainingInterrupted.class.getName())) {
            return new CellFailure("Interrupted", "training stopped between two steps", List.of());
        }
        if (type.equals("java.lang.ThreadDeath") || type.equals("java.lang.InterruptedException")) {
            return new CellFailure("Interrupted", "the cell was stopped" + (type.endsWith("ThreadDeath")
                    ? " by force (its code did not answer the interrupt)" : ""), List.of());
        }
        if (type.equals(org.gen4j.core.Gen4jException.class.getName())) {
            return new CellFailure("Gen4jException", e.getMessage(), List.of());      // a message for people, no stack
        }
        List<String> stack = new ArrayList<>();
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("REPL.")) {
                break;                                      // JShell's wrapper from here on
            }
            stack.add("    at " + frame);
        }
        return new CellFailure(type.substring(type.lastIndexOf('.') + 1), e.getMessage() == null ? type : e.getMessage(), stack);
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellFailure failure) {
            List<String> lines = new ArrayList<>();
            lines.add(errorStyler.secondary(failure.name() + ": " + failure.getMessage()));
            failure.detail().forEach(line -> lines.add(errorStyler.primary(line)));
            return lines;
        }
        return super.formatError(e);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis().documentation(code, at, true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        return new DisplayData(docs.stream()
                .map(doc -> doc.signature() + (doc.javadoc() == null ? "" : "\n" + doc.javadoc()))
                .collect(Collectors.joining("\n\n")));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<String> names = shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().collect(Collectors.toList());
        return new ReplacementOptions(names, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        SourceCodeAnalysis.Completeness completeness = shell.sourceCodeAnalysis().analyzeCompletion(code).completeness();
        return switch (completeness) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    /** Stops the running cell: training loops see the interrupt at their next step. */
    @Override
    public void interrupt() {
        shell.stop();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        shell.close();
    }

    /** A cell that could not run: a short name and message for Jupyter's error, and lines of detail. */
    static final class CellFailure extends RuntimeException {
        private final String name;
        private final List<String> detail;

        CellFailure(String name, String message, List<String> detail) {
            super(message, null, false, false);
            this.name = name;
            this.detail = detail;
        }

        String name() {
            return name;
        }

        List<String> detail() {
            return detail;
        }
    }
}
