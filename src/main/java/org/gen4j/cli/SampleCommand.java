package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.Sampler;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.core.AtomicFiles;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.core.ConditionalSampler;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code gen4j sample}: new data from a saved model. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw new samples from a saved model and write them as CSV.")
final class SampleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "A model saved by gen4j, a zoo model (zoo:gmm-faithful, ...), a .bif network, or a bundled network name.")
    String model;

    @Option(names = {"-n", "--n"}, required = true, paramLabel = "N",
            description = "How many samples (for sequence models: how many sequences).")
    int n;

    @Option(names = "--length", defaultValue = "100", paramLabel = "T",
            description = "For sequence models: steps per sequence (default: ${DEFAULT-VALUE}).")
    int length;

    @Mixin
    RandomSeed seed;

    @Option(names = "--label", paramLabel = "L", description = "For conditional models: the class to draw (default: one row per class in a PNG).")
    Integer label;

    @Option(names = "--columns-per-row", defaultValue = "10", paramLabel = "N", description = "For PNG output: images per grid row (default: ${DEFAULT-VALUE}).")
    int perRow;

    @Option(names = "--out", paramLabel = "FILE.csv|FILE.png",
            description = "Write here instead of standard output; a .png file gets a grid of image samples (VAEs, GANs, Keras generators).")
    Path out;

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        if (n < 1) {
            throw new Gen4jException("--n must be at least 1, got " + n);
        }
        GenerativeModel loaded = ModelInputs.load(model);
        if (loaded instanceof HiddenMarkovModel hmm) {
            sampleSequences(hmm);
            return;
        }
        org.gen4j.data.DiscreteTable table = loaded instanceof BayesianNetwork network ? network.sample(n, seed.value())
                : loaded instanceof org.gen4j.vae.VariationalAutoencoder vae && !vae.architecture().variables().isEmpty()
                ? vae.sampleTable(n, seed.value()) : null;
        if (table != null) {
            String csv = table.toCsv();
            if (out == null) {
                spec.commandLine().getOut().print(csv);
            } else {
                AtomicFiles.write(out, stream -> stream.write(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                spec.commandLine().getOut().printf("wrote %d samples to %s%n", n, out);
            }
            return;
        }
        Sampler<INDArray> sampler = ModelInputs.capability(loaded, Sampler.class, "generate samples");
        INDArray drawn = draw(loaded, sampler);
        if (out != null && out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            writeGrid(drawn);
            return;
        }
        double[][] rows = drawn.reshape(drawn.size(0), drawn.length() / drawn.size(0)).toDoubleMatrix();
        CsvOutput.write(out, spec.commandLine().getOut(), ModelInputs.columnNames(loaded, rows[0].length), printer -> {
            StringBuilder line = new StringBuilder();
            for (double[] row : rows) {
                line.setLength(0);
                for (int j = 0; j < row.length; j++) {
                    line.append(j > 0 ? "," : "").append(CsvOutput.number(row[j]));
                }
                printer.println(line);
            }
        });
        if (out != null) {
            spec.commandLine().getOut().printf("wrote %d samples to %s%n", n, out);
        }
    }

    private INDArray draw(GenerativeModel loaded, Sampler<INDArray> sampler) {
        if (!(loaded instanceof ConditionalSampler conditional) || conditional.classes() == 0) {
            if (label != null) {
                throw new Gen4jException("--label is for conditional models; " + loaded.modelType() + " takes none");
            }
            return sampler.sample(n, seed.value());
        }
        int classes = conditional.classes();
        if (label != null) {
            if (label < 0 || label >= classes) {
                throw new Gen4jException("--label " + label + " is not a class of this model (0.." + (classes - 1) + ")");
            }
            return conditional.sample(n, seed.value(), label);
        }
        return ConditionalSampler.balanced(conditional, n * classes, seed.value());      // n of every class, in class order
    }

    private void writeGrid(INDArray drawn) {
        if (drawn.rank() != 4) {
            throw new Gen4jException("this model's samples are rows of " + drawn.size(1) + " values, not images: write them as CSV");
        }
        // generators with tanh outputs draw in [-1, 1]; pictures show [0, 1]
        INDArray shown = drawn.minNumber().doubleValue() < 0 ? drawn.add(1).divi(2) : drawn;
        org.gen4j.viz.ImageGrid.of(shown, label == null && loadedIsConditional(drawn) ? n : perRow).write(out);
        spec.commandLine().getOut().printf("wrote a grid of %d samples to %s%n", drawn.size(0), out);
    }

    private boolean loadedIsConditional(INDArray drawn) {
        return drawn.size(0) > n;
    }

    private void sampleSequences(HiddenMarkovModel hmm) {
        if (length < 1) {
            throw new Gen4jException("--length must be at least 1, got " + length);
        }
        HiddenMarkovModel.Sampled sampled = hmm.sample(n, length, seed.value());
        List<String> header = new ArrayList<>(List.of("sequence", "step", "state"));
        header.addAll(ModelInputs.columnNames(hmm, hmm.emission().dimensions()));
        CsvOutput.write(out, spec.commandLine().getOut(), header, printer -> {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double[][] rows = sampled.observations().sequence(i).toDoubleMatrix();
                int[] states = sampled.states().get(i);
                for (int t = 0; t < rows.length; t++) {
                    line.setLength(0);
                    line.append(i).append(',').append(t).append(',').append(states[t]);
                    for (double v : rows[t]) {
                        line.append(',').append(CsvOutput.number(v));
                    }
                    printer.println(line);
                }
            }
        });
        if (out != null) {
            spec.commandLine().getOut().printf("wrote %d sequences of %d steps to %s%n", n, length, out);
        }
    }
}
