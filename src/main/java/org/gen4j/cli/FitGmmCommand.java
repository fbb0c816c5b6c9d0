package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.ModelIO;
import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.gen4j.stats.CovarianceType;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.gmm.Initialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code gen4j fit gmm}: fits a Gaussian mixture by EM and saves it. */
@Command(name = "gmm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a Gaussian mixture model by expectation-maximisation.")
final class FitGmmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME",
            description = "CSV file with a header, or a bundled data set: faithful, iris, eustockmarkets, eustock-returns, digits.")
    String data;

    @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Feature columns to use (default: all numeric).")
    List<String> columns;

    @Option(names = {"-k", "--components"}, required = true, paramLabel = "K", description = "Number of mixture components.")
    int components;

    @Option(names = "--covariance", paramLabel = "TYPE",
            description = "full, diag, spherical or tied (default: ${DEFAULT-VALUE}).")
    String covariance;

    @Option(names = "--init", paramLabel = "METHOD",
            description = "kmeans++, kmeans or random (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--n-init", paramLabel = "N", description = "EM restarts; the best is kept (default: ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--max-iter", paramLabel = "N", description = "Maximum EM iterations (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--tol", paramLabel = "X",
            description = "Stop when the mean log-likelihood changes by less (0 runs --max-iter iterations; default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--reg-covar", paramLabel = "X",
            description = "Added to covariance diagonals (default: ${DEFAULT-VALUE}).")
    double regCovar;

    @Mixin
    RandomSeed seed;

    @Option(names = "--dtype", paramLabel = "TYPE", description = "float64 or float32 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Mixin
    ModelOutput out;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    @Override
    public void run() {
        Table table = Datasets.load(data, columns);
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder()
                .components(components)
                .covariance(CovarianceType.parse(covariance))
                .init(Initialization.parse(init))
                .nInit(nInit).maxIter(maxIter).tol(tol).regCovar(regCovar).seed(seed.value())
                .dataType(DataTypes.parse(dtype))
                .build();
        long start = System.nanoTime();
        GaussianMixture gmm = trainer.fit(table);
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        ModelIO.save(gmm, out.path());

        double meanLogLikelihood = gmm.meanLogProb(table.features());
        double bic = gmm.bic(table.features());
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            ObjectNode summary = JsonOutput.object();
            summary.put("model", out.path().toString());
            summary.put("components", gmm.components());
            summary.put("covarianceType", gmm.covarianceType().label());
            summary.putPOJO("columns", table.columns());
            summary.putPOJO("weights", JsonOutput.values(gmm.weights()));
            summary.putPOJO("means", JsonOutput.values(gmm.means()));
            summary.putPOJO("covariances", JsonOutput.values(gmm.covariances()));
            summary.put("meanLogLikelihood", meanLogLikelihood);
            summary.put("lowerBound", gmm.lowerBound());
            summary.put("converged", gmm.converged());
            summary.put("nIter", gmm.nIter());
            summary.put("bic", bic);
            summary.put("aic", gmm.aic(table.features()));
            summary.put("fitSeconds", fitSeconds);
            printer.println(JsonOutput.write(summary));
        } else {
            printer.print(gmm);
            printer.printf("data: %s%n", table.describe());
            printer.printf("mean log-likelihood %.6f, BIC %.3f, fitted in %.3f s%n", meanLogLikelihood, bic, fitSeconds);
            if (!gmm.converged()) {
                printer.printf("note: not converged within %d iterations (raise --max-iter or --tol)%n", maxIter);
            }
            printer.println("saved to " + out.path());
        }
    }
}
