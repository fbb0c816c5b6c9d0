package org.gen4j.cli;

import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts ND4J for a command-line program without the stack trace ND4J's CUDA backend prints on a machine with no GPU
 * driver: probing for the driver, {@code JCublasBackend.canRun} prints the {@code UnsatisfiedLinkError} for
 * {@code libcuda.so.1} itself before ND4J falls back to the CPU (or gives up, in a CUDA-only build). Only that
 * trace is dropped; anything else ND4J writes while starting passes through.
 * <pre>{@code
 * BackendStart.quietly();        // first thing in main; then NativeRuntime.install()
 * }</pre>
 * It swaps {@code System.err} while ND4J starts, so it is for a program's {@code main}, not for library code.
 */
final class BackendStart {
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private BackendStart() {
    }

    /**
     * Starts ND4J's backend when a CUDA backend is on the class path (otherwise does nothing: there is nothing to
     * hide). A failed start is left for the first use of ND4J to report, as it would have been.
     */
    static void quietly() {
        try {
            Class.forName(CUDA_BACKEND, false, BackendStart.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return;
        }
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Nd4j.getBackend();
        } catch (LinkageError | RuntimeException e) {
            // no backend could start: ND4J's next use throws again, and the CLI says so in one line
        } finally {
            System.setErr(err);
            err.print(withoutDriverProbeTraces(captured.toString(StandardCharsets.UTF_8)));
            err.flush();
        }
    }

    /** The text less each {@code UnsatisfiedLinkError} trace that names the CUDA driver or runtime. */
    static String withoutDriverProbeTraces(String text) {
        List<String> kept = new ArrayList<>();
        boolean inTrace = false;
        for (String line : text.split("\n", -1)) {
            boolean traceLine = line.startsWith("\tat ") || line.startsWith("\t... ") || line.startsWith("Caused by: ");
            if (line.startsWith("java.lang.UnsatisfiedLinkError") && (line.contains("libcuda") || line.contains("cudart"))) {
                inTrace = true;
            } else if (!(inTrace && traceLine)) {
                inTrace = false;
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }
}
