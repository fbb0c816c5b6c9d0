package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.notebook.KernelServer;
import org.gen4j.notebook.KernelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code gen4j notebook}: the gen4j Jupyter kernel: install its kernelspec, open Jupyter, or (for Jupyter) run it. */
@Command(name = "notebook", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Java notebooks with gen4j in Jupyter. 'notebook install' writes the kernelspec of the gen4j kernel"
                + " (Java cells run by JShell, gen4j on the class path, pictures inline); 'notebook [JUPYTER-ARGS]' opens"
                + " Jupyter (Debian: apt install jupyter-notebook)."},
        subcommands = {NotebookCommand.Install.class, NotebookCommand.Kernel.class})
final class NotebookCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JUPYTER-ARGS", description = "Passed to 'jupyter notebook', e.g. notebooks/ or --port 8890.")
    List<String> jupyterArguments = new ArrayList<>();

    @Override
    public void run() {
        List<String> command = new ArrayList<>(List.of("jupyter", "notebook"));
        command.addAll(jupyterArguments);
        Process jupyter;
        try {
            jupyter = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new Gen4jException("Jupyter is not installed (Debian: apt install jupyter-notebook; else pip install notebook),"
                    + " then run ./gen4j notebook install");
        }
        try {
            int status = jupyter.waitFor();
            if (status != 0) {
                throw new Gen4jException("jupyter notebook ended with exit code " + status);
            }
        } catch (InterruptedException e) {
            jupyter.destroy();
            Thread.currentThread().interrupt();
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write the kernelspec 'gen4j' so that Jupyter offers the gen4j kernel.")
    static final class Install implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--sys-prefix", description = "Into Python's sys.prefix (a virtual environment's), not the user's folder.")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "Into DIR/share/jupyter (what Jupyter's --prefix means).")
        Path prefix;

        @Override
        public void run() {
            if (sysPrefix && prefix != null) {
                throw new Gen4jException("give --sys-prefix or --prefix, not both");
            }
            Path data = prefix != null ? prefix.resolve("share").resolve("jupyter")
                    : sysPrefix ? pythonPrefix().resolve("share").resolve("jupyter") : KernelSpec.userDataFolder();
            String launcher = System.getenv("GEN4J_LAUNCHER");
            Path json = KernelSpec.write(data, launcher != null ? KernelSpec.launcherCommand(Path.of(launcher)) : KernelSpec.thisJvmCommand());
            spec.commandLine().getOut().println("installed the gen4j kernel: " + json);
        }

        private static Path pythonPrefix() {
            try {
                Process python = new ProcessBuilder("python3", "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
                String out = new String(python.getInputStream().readAllBytes()).strip();
                if (python.waitFor() != 0 || out.isEmpty()) {
                    throw new Gen4jException("python3 could not say its sys.prefix: " + out);
                }
                return Path.of(out);
            } catch (IOException e) {
                throw new Gen4jException("--sys-prefix needs python3 on the PATH");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Gen4jException("interrupted");
            }
        }
    }

    @Command(name = "kernel", hidden = true, description = "Run the kernel for Jupyter (Jupyter starts it from the kernelspec).")
    static final class Kernel implements Runnable {
        @Parameters(paramLabel = "CONNECTION-FILE")
        Path connectionFile;

        @Override
        public void run() {
            KernelServer.serve(connectionFile);
            System.exit(0);        // ND4J's threads would keep the JVM alive after Jupyter closed the connection
        }
    }
}
