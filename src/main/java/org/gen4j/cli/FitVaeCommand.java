package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.NetworkData;
import org.gen4j.vae.Likelihood;
import org.gen4j.vae.VaeArchitecture;
import org.gen4j.vae.VaeHistory;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
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

/** {@code gen4j fit vae}: trains a variational autoencoder and saves it (the options are the vae recipe's keys). */
@Command(name = "vae", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a variational autoencoder (DL4J, Adam on the negative ELBO).")
final class FitVaeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME",
            description = "Images: digits, mnist, an MNIST-format IDX file (labels from its *-labels-idx1-ubyte* sibling), or a folder"
                    + " of images (class sub-folders give labels); "
                    + "or a table: a bundled name or a CSV file with a header.")
    String data;

    @Option(names = "--columns", split = ",", paramLabel = "COL", description = "CSV feature columns (default: all numeric).")
    List<String> columns;

    @Option(names = "--labels", paramLabel = "COL", description = "CSV column with class labels (for --conditional and the latent plot).")
    String labelColumn;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Use the first N rows only (0 = all).")
    int limit;

    @Option(names = "--scale", paramLabel = "HOW",
            description = "Tables: none, max (divide by the largest value) or standardize (default: max for bernoulli, standardize otherwise).")
    String scale;

    @Option(names = "--arch", paramLabel = "KIND", description = "mlp or conv (images) (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--hidden", split = ",", paramLabel = "W",
            description = "Dense layer widths of the encoder, mirrored by the decoder (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--channels", split = ",", paramLabel = "C",
            description = "conv: channels of the stride-2 convolutions (default: ${DEFAULT-VALUE}).")
    int[] channels;

    @Option(names = "--latent", paramLabel = "D", description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--likelihood", paramLabel = "P",
            description = "bernoulli (values in [0, 1]), gaussian (learned variance), gaussian-fixed, or categorical "
                    + "(a CSV of discrete states, one category per column) (default: ${DEFAULT-VALUE}).")
    String likelihood;

    @Option(names = "--variance", paramLabel = "V",
            description = "gaussian-fixed: the variance; gaussian: the smallest variance (default: ${DEFAULT-VALUE}).")
    double variance;

    @Option(names = "--beta", paramLabel = "B", description = "KL weight; above 1 a beta-VAE (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--warmup-epochs", paramLabel = "N", description = "Raise beta linearly over the first N epochs.")
    int warmupEpochs;

    @Option(names = "--conditional", description = "Condition encoder and decoder on the class label (a CVAE).")
    boolean conditional;

    @Option(names = "--activation", paramLabel = "F", description = "Hidden activation (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--train-fraction", defaultValue = "0.9", paramLabel = "F",
            description = "Share of rows to train on; the rest measures the held-out ELBO per epoch (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--dtype", paramLabel = "TYPE",
            description = "Network data type: float32, float64, or float16 on the CUDA backend (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Mixin
    RandomSeed seed;

    @Mixin
    ModelOutput out;

    @Option(names = "--json", description = "Print a JSON summary instead of text (no per-epoch lines).")
    boolean json;

    @Mixin
    SparkOption spark;

    @Option(names = "--averaging", paramLabel = "N",
            description = "With --spark: batches each worker fits between two averagings of the parameters (default: 5).")
    Integer averaging;

    @Override
    public void run() {
        Likelihood p = Likelihood.parse(likelihood);
        NetworkData.Scale howToScale = scale == null ? (p == Likelihood.BERNOULLI ? NetworkData.Scale.MAX : NetworkData.Scale.STANDARDIZE) : parseScale();
        if (averaging != null && !spark.requested()) {
            throw new Gen4jException("--averaging sets how often Spark's workers average their parameters: it needs --spark");
        }
        Supplier<NetworkData> loadHere = () -> p == Likelihood.CATEGORICAL ? NetworkData.discrete(data, limit)
                : NetworkData.load(data, columns, labelColumn, limit, NetworkData.isImagesSource(data) ? NetworkData.Scale.NONE : howToScale);
        PrintWriter printer = spec.commandLine().getOut();
        Function<NetworkData, VaeTrainer> trainerFor = shape -> new VaeTrainer(
                VaeArchitecture.forData(shape, arch, hidden, channels, latent, p, variance, conditional, activation))
                .epochs(epochs).batchSize(batch).learningRate(learningRate)
                .beta(beta).warmupEpochs(warmupEpochs).seed(seed.value())
                .dataType(org.gen4j.nn.NetworkDataTypes.parse(dtype))
                .afterEpoch(model -> {
                    if (!json) {
                        VaeHistory h = model.history();
                        int e = h.epochs() - 1;
                        printer.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  held-out ELBO %.4f  %.2fs%n", e + 1, epochs,
                                h.trainLoss()[e], h.testElbo()[e], h.seconds()[e]);
                        printer.flush();
                    }
                });
        VariationalAutoencoder vae;
        String description;
        if (spark.requested()) {
            int every = averaging == null ? org.gen4j.spark.SparkVae.DEFAULT_AVERAGING_FREQUENCY : averaging;
            org.gen4j.spark.SparkFits.TrainedVae trained = SparkOption.run(() -> org.gen4j.spark.SparkFits.vae(spark.master(), data,
                    columns, labelColumn, limit, howToScale, p != Likelihood.CATEGORICAL, trainFraction, seed.value(), loadHere,
                    trainerFor, every, null));
            vae = trained.model();
            description = trained.shown().description() + "; " + trained.trainRows() + " rows trained on, "
                    + trained.heldOutRows() + " held out";
        } else {
            NetworkData all = loadHere.get();
            NetworkData[] parts = all.split(trainFraction, seed.value());
            VaeTrainer trainer = trainerFor.apply(all);
            VaeArchitecture architecture = trainer.architecture();
            NetworkData train = parts[0], test = parts[1];
            trainer.listeners(Progress.of(spec.commandLine().getErr(), json).epochs(epochs, trainer.stepsPerEpoch(train.rows())));
            int[] trainLabels = conditional ? train.labels() : null;
            int[] testLabels = conditional && test != null ? test.labels() : null;
            vae = trainer.fit(architecture.inputs(train), trainLabels, test == null ? null : architecture.inputs(test), testLabels);
            description = all.description();
        }
        VaeArchitecture architecture = vae.architecture();
        ModelIO.save(vae, out.path());
        VaeHistory h = vae.history();
        double heldOut = h.epochs() == 0 ? Double.NaN : h.testElbo()[h.epochs() - 1];
        if (json) {
            ObjectNode summary = JsonOutput.object();
            summary.put("model", out.path().toString());
            summary.put("architecture", architecture.kind().label());
            summary.putPOJO("dataShape", architecture.dataShape());
            summary.putPOJO("hidden", architecture.hidden());
            summary.put("latent", architecture.latentSize());
            summary.put("likelihood", architecture.likelihood().label());
            summary.put("classes", architecture.classes());
            summary.put("parameters", vae.parameterCount());
            summary.put("epochs", h.epochs());
            summary.putPOJO("trainLoss", h.trainLoss());
            summary.putPOJO("testElbo", h.testElbo());
            summary.put("finalTestElbo", heldOut);
            summary.put("fitSeconds", java.util.Arrays.stream(h.seconds()).sum());
            printer.println(JsonOutput.write(summary));
        } else {
            printer.println(vae);
            printer.printf("data: %s%n", description);
            if (spark.requested()) {
                printer.printf("trained on Spark (%s), parameters averaged every %d batches per worker%n", spark.master(),
                        averaging == null ? org.gen4j.spark.SparkVae.DEFAULT_AVERAGING_FREQUENCY : averaging);
            }
            printer.println("saved to " + out.path());
        }
    }

    private NetworkData.Scale parseScale() {
        try {
            return NetworkData.Scale.valueOf(scale.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Gen4jException("--scale must be none, max or standardize, got '" + scale + "'");
        }
    }
}
