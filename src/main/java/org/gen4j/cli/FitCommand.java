package org.gen4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j fit MODEL}: one subcommand per model family (added by {@link Gen4j#commandLine}, which builds only the one a run names). */
@Command(name = "fit", mixinStandardHelpOptions = true, description = "Fit a model to data and save it.")
final class FitCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which model to fit: gen4j fit gmm, fit hmm, fit bn, fit vae or fit gan");
    }
}
