package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.ModelIO;
import org.gen4j.keras.KerasDiscriminator;
import org.gen4j.keras.KerasGenerator;
import org.gen4j.keras.KerasModelInspector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** {@code gen4j import}: a Keras model as a gen4j model, with a report of every layer and whether it imports. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import a Keras (HDF5) model through DL4J as a gen4j model.",
                "Prints every layer with whether DL4J imports it and, if not, what to do; a model with such layers is not imported (exit 2)."})
final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--keras", required = true, paramLabel = "MODEL.h5", description = "A Keras Sequential model saved whole (model.save).")
    Path keras;

    @Option(names = "--role", defaultValue = "generator", paramLabel = "ROLE",
            description = "generator or decoder (noise/latent in, samples out: sample, eval), discriminator (samples in, "
                    + "probability of real out: score) (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--out", paramLabel = "MODEL", description = "Where to save the gen4j model (without it: only the report).")
    Path out;

    @Override
    public void run() {
        PrintWriter printer = spec.commandLine().getOut();
        List<KerasModelInspector.LayerReport> layers = KerasModelInspector.inspect(keras);
        printer.print(KerasModelInspector.table(layers));
        printer.flush();
        List<KerasModelInspector.LayerReport> missing = KerasModelInspector.unsupported(layers);
        if (!missing.isEmpty()) {
            throw new Gen4jException(keras + ": DL4J cannot import " + missing.stream().map(l -> l.name() + " (" + l.type() + ")")
                    .collect(Collectors.joining(", ")) + "; see the table above for what to do");
        }
        if (out == null) {
            printer.println("all " + layers.size() + " layers import; add --out MODEL to import");
            return;
        }
        GenerativeModel model = switch (role) {
            case "generator", "decoder" -> KerasGenerator.load(keras);
            case "discriminator" -> KerasDiscriminator.load(keras);
            case "encoder" -> throw new Gen4jException("--role encoder is not supported yet: a Keras VAE encoder ends in a custom "
                    + "sampling layer that DL4J does not import; import its decoder with --role decoder");
            default -> throw new Gen4jException("--role must be generator, decoder or discriminator, got '" + role + "'");
        };
        ModelIO.save(model, out);
        printer.println(model);
        printer.println("saved to " + out);
    }
}
