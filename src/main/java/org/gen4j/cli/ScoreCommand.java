package org.gen4j.cli;

import org.gen4j.core.DensityModel;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.LatentModel;
import org.gen4j.core.ModelIO;
import org.gen4j.data.Table;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code gen4j score}: the log-likelihood of every row under a saved model. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write one row per input row: its log-likelihood and, for latent-variable models, the most likely component.")
final class ScoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model saved by gen4j.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME", description = "CSV file or bundled data set name.")
    String data;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Feature columns (default: the columns the model was fitted on).")
    List<String> columns;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write here instead of standard output.")
    Path out;

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        GenerativeModel loaded = ModelIO.load(model);
        DensityModel<INDArray> density = ModelInputs.capability(loaded, DensityModel.class, "score log-likelihoods");
        Table table = ModelInputs.dataFor(loaded, data, columns);
        double[] logLikelihood = density.logProb(table.features()).toDoubleVector();
        int[] component = null;
        List<String> header = new ArrayList<>(List.of("logLikelihood"));
        if (loaded instanceof LatentModel<?, ?> latent) {
            INDArray posterior = ((LatentModel<INDArray, INDArray>) latent).posterior(table.features());
            component = Nd4j.argMax(posterior, 1).toIntVector();
            header.add("component");
        }
        int[] components = component;
        CsvOutput.write(out, spec.commandLine().getOut(), header, printer -> {
            for (int i = 0; i < logLikelihood.length; i++) {
                printer.println(components == null ? CsvOutput.number(logLikelihood[i])
                        : CsvOutput.number(logLikelihood[i]) + "," + components[i]);
            }
        });
        if (out != null) {
            spec.commandLine().getOut().printf("scored %d rows of %s, mean log-likelihood %.6f; wrote %s%n",
                    logLikelihood.length, table.source(), mean(logLikelihood), out);
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
