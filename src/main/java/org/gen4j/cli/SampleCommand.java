package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.ModelIO;
import org.gen4j.core.Sampler;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.core.AtomicFiles;
import org.gen4j.hmm.HiddenMarkovModel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
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

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write here instead of standard output.")
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
        if (loaded instanceof BayesianNetwork network) {
            String csv = network.sample(n, seed).toCsv();
            if (out == null) {
                spec.commandLine().getOut().print(csv);
            } else {
                AtomicFiles.write(out, stream -> stream.write(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                spec.commandLine().getOut().printf("wrote %d samples to %s%n", n, out);
            }
            return;
        }
        Sampler<INDArray> sampler = ModelInputs.capability(loaded, Sampler.class, "generate samples");
        double[][] rows = sampler.sample(n, seed).toDoubleMatrix();
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

    private void sampleSequences(HiddenMarkovModel hmm) {
        if (length < 1) {
            throw new Gen4jException("--length must be at least 1, got " + length);
        }
        HiddenMarkovModel.Sampled sampled = hmm.sample(n, length, seed);
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
