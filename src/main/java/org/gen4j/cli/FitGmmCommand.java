package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.gen4j.stats.CovarianceType;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.gmm.Initialization;
import org.gen4j.spark.SparkFits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
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

    @Option(names = "--weight-column", paramLabel = "COL",
            description = "A numeric column giving each row's weight (how many cases it stands for); not a feature.")
    String weightColumn;

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

    @Mixin
    SparkOption spark;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    @Override
    public void run() {
        Progress.EmBar progress = Progress.of(spec.commandLine().getErr(), json).em("EM", nInit, maxIter);
        IterationClock clock = new IterationClock();
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder()
                .components(components)
                .covariance(CovarianceType.parse(covariance))
                .init(Initialization.parse(init))
                .nInit(nInit).maxIter(maxIter).tol(tol).regCovar(regCovar).seed(seed.value())
                .dataType(DataTypes.parse(dtype))
                .listener((run, iteration, objective) -> {
                    clock.iterationDone(run, iteration, objective);
                    progress.iterationDone(run, iteration, objective);
                })
                .build();
        long start = System.nanoTime();        // on Spark the data is read lazily, as part of the fit
        GaussianMixture gmm;
        String described;
        List<String> fittedColumns;
        double rows;                           // the sample size: Σ of the weights when rows are weighted
        double logLikelihood;
        double fitSeconds;
        if (spark.requested()) {
            SparkFits.Fitted<GaussianMixture> fitted;
            try (progress) {
                fitted = SparkOption.run(() -> SparkFits.gmm(spark.master(), data, columns, weightColumn, trainer));
            }
            gmm = fitted.model();
            described = fitted.data();
            fittedColumns = gmm.provenance().columns();
            rows = fitted.sampleSize();
            logLikelihood = fitted.logLikelihood();
            fitSeconds = (System.nanoTime() - start) / 1e9;
        } else {
            WeightedRows weighted = WeightedRows.load(data, columns, weightColumn);
            Table table = weighted.table();
            start = System.nanoTime();
            try (progress) {
                gmm = weighted.weights() == null ? trainer.fit(table) : trainer.fit(table, weighted.weights());
            }
            described = table.describe() + (weightColumn == null ? "" : ", weighted by " + weightColumn);
            fitSeconds = (System.nanoTime() - start) / 1e9;
            fittedColumns = table.columns();
            rows = weighted.total();
            logLikelihood = weighted.weightedSum(gmm.logProb(table.features()));
        }
        ModelIO.save(gmm, out.path());

        double meanLogLikelihood = logLikelihood / rows;
        double bic = -2 * logLikelihood + gmm.parameterCount() * Math.log(rows);
        double aic = -2 * logLikelihood + 2 * gmm.parameterCount();
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            ObjectNode summary = JsonOutput.object();
            summary.put("model", out.path().toString());
            summary.put("components", gmm.components());
            summary.put("covarianceType", gmm.covarianceType().label());
            summary.putPOJO("columns", fittedColumns);
            summary.putPOJO("weights", JsonOutput.values(gmm.weights()));
            summary.putPOJO("means", JsonOutput.values(gmm.means()));
            summary.putPOJO("covariances", JsonOutput.values(gmm.covariances()));
            summary.put("meanLogLikelihood", meanLogLikelihood);
            summary.put("lowerBound", gmm.lowerBound());
            summary.put("converged", gmm.converged());
            summary.put("nIter", gmm.nIter());
            summary.put("bic", bic);
            summary.put("aic", aic);
            summary.put("fitSeconds", fitSeconds);
            // a first call pays for compiling the kernels in its first iteration; the others show the steady pace
            double pace = clock.secondsPerIterationAfterTheFirst();
            if (Double.isNaN(pace)) {
                summary.putNull("secondsPerIterationAfterTheFirst");
            } else {
                summary.put("secondsPerIterationAfterTheFirst", pace);
            }
            printer.println(JsonOutput.write(summary));
        } else {
            printer.print(gmm);
            printer.printf("data: %s%n", described);
            printer.printf("mean log-likelihood %.6f, BIC %.3f, fitted in %.3f s%n", meanLogLikelihood, bic, fitSeconds);
            if (!gmm.converged()) {
                printer.printf("note: not converged within %d iterations (raise --max-iter or --tol)%n", maxIter);
            }
            printer.println("saved to " + out.path());
        }
    }
}
