package org.gen4j.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.AtomicFiles;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernelspec Jupyter reads to start the gen4j kernel: {@code kernels/gen4j/kernel.json} under a Jupyter data
 * folder, with the command line that starts it and {@code "interrupt_mode": "message"} (the stop button sends a
 * message that stops the cell; a signal would end the JVM).
 *
 * <pre>{@code
 * Path json = KernelSpec.write(KernelSpec.userDataFolder(), KernelSpec.launcherCommand(Path.of("/opt/gen4j/gen4j")));
 * }</pre>
 */
public final class KernelSpec {
    public static final String NAME = "gen4j";

    private KernelSpec() {
    }

    /** Starts the kernel through the gen4j launcher (which builds, finds the natives and sets the JVM flags). */
    public static List<String> launcherCommand(Path launcher) {
        return List.of(launcher.toAbsolutePath().toString(), "notebook", "kernel", "{connection_file}");
    }

    /** Starts the kernel with this JVM's java and class path (for tests and for an embedding application). */
    public static List<String> thisJvmCommand() {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("--add-modules");
        argv.add("jdk.incubator.vector");
        argv.add("-cp");
        argv.add(absoluteClassPath());
        argv.add("org.gen4j.cli.Gen4j");
        argv.addAll(List.of("notebook", "kernel", "{connection_file}"));
        return argv;
    }

    /** Where {@code jupyter kernelspec install --user} puts kernels: $JUPYTER_DATA_DIR, else ~/.local/share/jupyter. */
    public static Path userDataFolder() {
        String custom = System.getenv("JUPYTER_DATA_DIR");
        return custom != null && !custom.isBlank() ? Path.of(custom)
                : Path.of(System.getProperty("user.home"), ".local", "share", "jupyter");
    }

    /**
     * Writes {@code DATA/kernels/gen4j/kernel.json} (atomically) and returns its path.
     *
     * @param dataFolder a Jupyter data folder (one of those {@code jupyter --paths} lists under data)
     */
    public static Path write(Path dataFolder, List<String> argv) {
        ObjectNode spec = new ObjectMapper().createObjectNode();
        argv.forEach(spec.putArray("argv")::add);
        spec.put("display_name", "gen4j (Java " + Runtime.version().feature() + ")");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        Path json = dataFolder.resolve("kernels").resolve(NAME).resolve("kernel.json");
        byte[] bytes = (spec.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(json, out -> out.write(bytes));
        return json;
    }

    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
