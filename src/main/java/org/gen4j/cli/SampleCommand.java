package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.ModelIO;
import org.gen4j.core.Sampler;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model saved by gen4j.")
    Path model;

    @Option(names = {"-n", "--n"}, required = true, paramLabel = "N", description = "How many samples.")
    int n;

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
        GenerativeModel loaded = ModelIO.load(model);
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
}
