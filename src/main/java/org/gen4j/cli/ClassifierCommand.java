package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.NetworkData;
import org.gen4j.eval.FeatureClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code gen4j classifier}: trains the feature classifier that {@code gen4j eval} judges samples with. */
@Command(name = "classifier", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the classifier whose features score generated samples (Frechet distance, MMD, precision/recall, mode coverage).")
final class ClassifierCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME",
            description = "Labelled images: digits, mnist, or an IDX file with its labels file.")
    String data;

    @Option(names = "--hidden", split = ",", defaultValue = "128,64", paramLabel = "W",
            description = "The two hidden widths; the second is the feature size (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--epochs", defaultValue = "30", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train-fraction", defaultValue = "0.85", paramLabel = "F",
            description = "Share of rows to train on; the rest measures accuracy (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Where to save the classifier.")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    @Override
    public void run() {
        NetworkData all = NetworkData.load(data, null, null, 0, NetworkData.Scale.NONE);
        if (all.labels() == null) {
            throw new Gen4jException(data + " has no labels: the classifier needs labelled data");
        }
        NetworkData[] parts = all.split(trainFraction, seed);
        FeatureClassifier classifier = FeatureClassifier.train(parts[0].flat(), parts[0].labels(), all.classes(), hidden, epochs, seed);
        classifier.save(out);
        double accuracy = parts[1] == null ? Double.NaN : classifier.accuracy(parts[1].flat(), parts[1].labels());
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            ObjectNode summary = JsonOutput.object();
            summary.put("classifier", out.toString());
            summary.put("classes", classifier.classes());
            summary.put("features", hidden[hidden.length - 1]);
            summary.put("heldOutAccuracy", accuracy);
            printer.println(JsonOutput.write(summary));
        } else {
            printer.println(classifier);
            printer.printf("held-out accuracy %.4f on %s%n", accuracy, parts[1] == null ? "no rows" : parts[1].rows() + " rows");
            printer.println("saved to " + out);
        }
    }
}
