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
                    + "probability of real out: score), vae (--keras is the decoder, --encoder its encoder: encode, score,"
                    + " sample) (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--encoder", paramLabel = "ENCODER.h5",
            description = "For --role vae: the encoder, a functional model with the outputs [z_mean, z_log_var] (save it"
                    + " without Keras's custom sampling layer) or a model whose one output holds both (Dense(2 * latent)).")
    Path encoder;

    @Option(names = "--output", defaultValue = "bernoulli", paramLabel = "KIND",
            description = "For --role vae: what the decoder gives, bernoulli (probabilities, sigmoid) or gaussian (means)"
                    + " (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--variance", defaultValue = "0.1", paramLabel = "V",
            description = "For --role vae with a gaussian decoder: its fixed variance (default: ${DEFAULT-VALUE}).")
    double variance;

    @Option(names = "--out", paramLabel = "MODEL", description = "Where to save the gen4j model (without it: only the report).")
    Path out;

    /** Prints the layer table of one file; a layer DL4J cannot import is an error naming it. @return the layer count */
    private static int inspect(Path file, PrintWriter printer) {
        List<KerasModelInspector.LayerReport> layers = KerasModelInspector.inspect(file);
        printer.print(KerasModelInspector.table(layers));
        printer.flush();
        List<KerasModelInspector.LayerReport> missing = KerasModelInspector.unsupported(layers);
        if (!missing.isEmpty()) {
            throw new Gen4jException(file + ": DL4J cannot import " + missing.stream().map(l -> l.name() + " (" + l.type() + ")")
                    .collect(Collectors.joining(", ")) + "; see the table above for what to do");
        }
        return layers.size();
    }

    @Override
    public void run() {
        PrintWriter printer = spec.commandLine().getOut();
        if (role.equals("vae") && encoder == null) {
            throw new Gen4jException("--role vae needs the encoder too: --encoder ENCODER.h5 (and --keras the decoder)");
        }
        if (encoder != null && !role.equals("vae")) {
            throw new Gen4jException("--encoder goes with --role vae");
        }
        int layerCount = inspect(keras, printer);
        if (encoder != null) {
            layerCount += inspect(encoder, printer);
        }
        if (out == null) {
            printer.println("all " + layerCount + " layers import; add --out MODEL to import");
            return;
        }
        GenerativeModel model = switch (role) {
            case "generator", "decoder" -> KerasGenerator.load(keras);
            case "discriminator" -> KerasDiscriminator.load(keras);
            case "vae" -> org.gen4j.keras.KerasVae.load(encoder, keras, org.gen4j.keras.KerasVae.Output.parse(output), variance);
            case "encoder" -> throw new Gen4jException("an encoder imports together with its decoder: --role vae --keras DECODER.h5"
                    + " --encoder ENCODER.h5 (a Keras VAE encoder's custom sampling layer does not import: save the encoder"
                    + " with the outputs [z_mean, z_log_var] instead)");
            default -> throw new Gen4jException("--role must be generator, decoder, discriminator or vae, got '" + role + "'");
        };
        ModelIO.save(model, out);
        printer.println(model);
        printer.println("saved to " + out);
    }
}
