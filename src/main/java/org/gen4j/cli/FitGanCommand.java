package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.NetworkData;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanArchitecture;
import org.gen4j.gan.GanHistory;
import org.gen4j.gan.GanSetup;
import org.gen4j.gan.GanShape;
import org.gen4j.gan.GanTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code gen4j fit gan}: trains a GAN and saves it (the options are the gan recipe's keys). */
@Command(name = "gan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a generative adversarial network (DL4J; alternating discriminator and generator steps).")
final class FitGanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME",
            description = "Images: digits, mnist, an MNIST-format IDX file, or a folder of images (class sub-folders give labels);"
                    + " or a table (bundled name or CSV, standardised).")
    String data;

    @Option(names = "--columns", split = ",", paramLabel = "COL", description = "CSV feature columns (default: all numeric).")
    List<String> columns;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Use the first N rows only (0 = all).")
    int limit;

    @Option(names = "--arch", paramLabel = "KIND",
            description = "mlp, dcgan (images), cgan (conditional on the labels) or wgan (Wasserstein, clipped critic) (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--generator", paramLabel = "MODEL",
            description = "Fine-tune this generator (a Keras .h5 file or an imported keras-generator model) against a new discriminator:"
                    + " convolutional for images with --arch dcgan (the default), else MLP.")
    String generator;

    @Option(names = "--latent", paramLabel = "D", description = "Noise dimensions (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--channels", split = ",", paramLabel = "C", description = "DCGAN: discriminator channels, mirrored by the generator (default: ${DEFAULT-VALUE}).")
    int[] channels;

    @Option(names = "--g-hidden", split = ",", paramLabel = "W", description = "Generator dense widths (default: " + GanShape.MLP_WIDTHS + "; DCGAN " + GanShape.DCGAN_GENERATOR_WIDTHS + ").")
    int[] generatorHidden;

    @Option(names = "--d-hidden", split = ",", paramLabel = "W", description = "Discriminator dense widths (default: " + GanShape.MLP_WIDTHS + "; DCGAN none, "
            + GanShape.CONDITIONAL_DCGAN_DISCRIMINATOR_WIDTHS + " when conditional).")
    int[] discriminatorHidden;

    @Option(names = "--output-activation", paramLabel = "F", description = "sigmoid, tanh or identity (default: sigmoid for images, identity for tables).")
    String outputActivation;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate of both nets (default: 2e-4 Adam; wgan 5e-5 RMSProp).")
    Double learningRate;

    @Option(names = "--lr-d", paramLabel = "X", description = "Discriminator learning rate, if it differs (TTUR).")
    Double discriminatorLearningRate;

    @Option(names = "--label-smoothing", paramLabel = "T", description = "Target for real rows, e.g. 0.9 (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--n-critic", paramLabel = "N", description = "Discriminator steps per generator step (default: 1; wgan 5).")
    Integer nCritic;

    @Option(names = "--ema", paramLabel = "DECAY", description = "Average the generator's weights for sampling, e.g. 0.99 (default: off).")
    double ema;

    @Option(names = "--dtype", paramLabel = "TYPE",
            description = "Network data type: float32, float64, or float16 on the CUDA backend (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Mixin
    RandomSeed seed;

    @Mixin
    ModelOutput out;

    @Mixin
    SparkOption spark;

    @Option(names = "--averaging", paramLabel = "N",
            description = "With --spark: alternating steps each partition takes between two averagings of both networks (default: 5).")
    Integer averaging;

    @Option(names = "--json", description = "Print a JSON summary instead of text (no per-epoch lines).")
    boolean json;

    @Override
    public void run() {
        if (averaging != null && !spark.requested()) {
            throw new Gen4jException("--averaging sets how many steps Spark's partitions take between averagings: it needs --spark");
        }
        if (spark.requested() && generator != null) {
            throw new Gen4jException("--generator fine-tunes an imported generator on one machine; it does not run with --spark");
        }
        Supplier<NetworkData> loadHere = () -> NetworkData.load(data, columns, null, limit, NetworkData.Scale.STANDARDIZE);
        NetworkData all = spark.requested() ? null : loadHere.get();
        org.gen4j.keras.KerasGenerator start = generator == null ? null : generator.toLowerCase(Locale.ROOT).endsWith(".h5")
                ? org.gen4j.keras.KerasGenerator.load(Path.of(generator))
                : ModelInputs.capability(ModelInputs.load(generator), org.gen4j.keras.KerasGenerator.class, "be fine-tuned as a generator");
        PrintWriter printer = spec.commandLine().getOut();
        Function<NetworkData, GanTrainer> trainerFor = shape -> trainer(shape, start, printer);
        Gan gan;
        String description;
        if (spark.requested()) {
            int every = averaging == null ? org.gen4j.spark.SparkGan.DEFAULT_AVERAGING_FREQUENCY : averaging;
            org.gen4j.spark.SparkFits.TrainedGan trained = SparkOption.run(() -> org.gen4j.spark.SparkFits.gan(spark.master(), data,
                    columns, limit, loadHere, trainerFor, every, null));
            gan = trained.model();
            description = trained.data() + "; " + trained.rows() + " rows, on Spark (" + spark.master() + "), parameters averaged every "
                    + every + " steps per partition";
        } else {
            GanTrainer trainer = trainerFor.apply(all);
            GanArchitecture a = trainer.architecture();
            trainer.listeners(Progress.of(spec.commandLine().getErr(), json).epochs(epochs, trainer.stepsPerEpoch(all.rows())));
            gan = start != null ? trainer.fineTune(start.network(), all.data()) : trainer.fit(all.data(), a.conditional() ? all.labels() : null);
            description = all.description();
        }
        GanArchitecture a = gan.architecture();
        ModelIO.save(gan, out.path());
        GanHistory h = gan.history();
        if (json) {
            ObjectNode summary = JsonOutput.object();
            summary.put("model", out.path().toString());
            summary.put("architecture", arch);
            summary.putPOJO("dataShape", a.dataShape());
            summary.put("latent", a.latentSize());
            summary.put("classes", a.classes());
            summary.put("generatorParameters", gan.generatorParameterCount());
            summary.put("discriminatorParameters", gan.discriminatorParameterCount());
            summary.put("epochs", h.epochs());
            summary.putPOJO("discriminatorLoss", h.discriminatorLoss());
            summary.putPOJO("generatorLoss", h.generatorLoss());
            summary.put("fitSeconds", java.util.Arrays.stream(h.seconds()).sum());
            printer.println(JsonOutput.write(summary));
        } else {
            printer.println(gan);
            printer.printf("data: %s%n", description);
            printer.println("saved to " + out.path());
        }
    }

    /** The trainer for data of this shape, fine-tuning {@code start} when given, printing a line per epoch unless --json. */
    private GanTrainer trainer(NetworkData shape, org.gen4j.keras.KerasGenerator start, PrintWriter printer) {
        GanArchitecture a = start == null
                ? GanSetup.architecture(new GanSetup.Choice(arch, latent, generatorHidden, discriminatorHidden, channels, outputActivation), shape)
                : GanSetup.architecture(new GanSetup.Choice(shape.isImages() && arch.equals("dcgan") ? "dcgan" : "mlp",
                        start.latentSize(), null, discriminatorHidden, channels, outputActivation != null ? outputActivation : "tanh"), shape);
        GanTrainer trainer = GanSetup.trainer(a).epochs(epochs).batchSize(batch).seed(seed.value())
                .dataType(org.gen4j.nn.NetworkDataTypes.parse(dtype))
                .labelSmoothing(labelSmoothing).emaDecay(ema)
                .afterEpoch(gan -> {
                    if (!json) {
                        GanHistory h = gan.history();
                        int e = h.epochs() - 1;
                        printer.printf(Locale.ROOT, "epoch %d/%d  discriminator %.4f  generator %.4f  %.2fs%n", e + 1, epochs,
                                h.discriminatorLoss()[e], h.generatorLoss()[e], h.seconds()[e]);
                        printer.flush();
                    }
                });
        if (learningRate != null) {
            trainer.learningRates(learningRate, discriminatorLearningRate != null ? discriminatorLearningRate : learningRate);
        }
        if (nCritic != null) {
            trainer.nCritic(nCritic);
        }
        return trainer;
    }
}
