package org.gen4j.cli;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.estimators.ExpectationMaximization;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.estimators.TableOptions;
import org.gen4j.spark.SparkFits;
import org.gen4j.bayesnet.readwrite.BifWriter;
import org.gen4j.core.ModelIO;
import org.gen4j.data.DiscreteTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;


/** {@code gen4j fit bn}: learns the tables of a given network structure from complete data. */
@Command(name = "bn", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Learn the probability tables of a Bayesian network (structure given) from a CSV of states;"
                + " missing cells (empty, ?, NA) or absent variables are handled by expectation-maximisation.")
final class FitBnCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NET",
            description = "The structure: a .bif file, a saved network, or a bundled network name.")
    String model;

    @Mixin
    CasesData data;

    @Option(names = "--estimator", paramLabel = "NAME",
            description = "mle, bdeu or k2 (default: ${DEFAULT-VALUE}).")
    String estimator;

    @Option(names = "--ess", paramLabel = "X",
            description = "Equivalent sample size of the BDeu prior (default: ${DEFAULT-VALUE}).")
    double ess;

    @Option(names = "--max-iter", paramLabel = "N",
            description = "Expectation-maximisation iterations, used when values are missing or a variable is latent (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--seed", paramLabel = "S", description = "Random start of latent tables (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    NetworkOutput out;

    @Mixin
    SparkOption spark;

    @Override
    public void run() {
        BayesianNetwork structure = ModelInputs.capability(ModelInputs.load(model), BayesianNetwork.class, "be refitted");
        if (spark.requested()) {
            TableOptions options = TableOptions.DEFAULTS.withEstimator(estimator, ess).withIterations(maxIter, seed);
            SparkFits.Fitted<BayesianNetwork> fitted = SparkOption.run(() -> SparkFits.bayesianNetwork(spark.master(),
                    data.source(), data.weightColumn(), structure, options.tables(), options.expectationMaximization()));
            save(fitted.model());
            spec.commandLine().getOut().printf("learned %d tables from %d rows (%s, %s); saved to %s%n",
                    fitted.model().cpts().size(), fitted.count(), estimator, fitted.data(), out.path());
            return;
        }
        DiscreteTable rows = data.read(structure.variables());
        TableOptions options = TableOptions.DEFAULTS.withEstimator(estimator, ess).withIterations(maxIter, seed);
        ParameterEstimator tables = options.tables();
        boolean incomplete = rows.hasMissing() || rows.variables().size() < structure.variables().size();
        BayesianNetwork fitted;
        String how = estimator;
        if (incomplete) {
            // missing values or a variable absent from the file (latent): expectation-maximisation
            ExpectationMaximization.Result result = options.expectationMaximization().fit(structure, rows);
            fitted = result.network();
            how = estimator + " by expectation-maximisation, " + result.summary();
        } else {
            fitted = tables.fit(structure, rows);
        }
        save(fitted);
        spec.commandLine().getOut().printf("learned %d tables from %d rows (%s); saved to %s%n",
                fitted.cpts().size(), rows.rows(), how, out.path());
    }

    private void save(BayesianNetwork fitted) {
        if (out.path().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".bif")) {
            BifWriter.write(fitted, out.path());
        } else {
            ModelIO.save(fitted, out.path());
        }
    }
}
