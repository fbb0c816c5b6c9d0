package org.gen4j.cli;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.readwrite.BifWriter;
import org.gen4j.core.ModelIO;
import org.gen4j.data.DiscreteTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code gen4j fit bn}: learns the tables of a given network structure from complete data. */
@Command(name = "bn", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Learn the probability tables of a Bayesian network (structure given) from a CSV of states.")
final class FitBnCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NET",
            description = "The structure: a .bif file, a saved network, or a bundled network name.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "Header = variable names, cells = state names, one row per case.")
    Path data;

    @Option(names = "--estimator", defaultValue = "bdeu", paramLabel = "NAME",
            description = "mle, bdeu or k2 (default: ${DEFAULT-VALUE}).")
    String estimator;

    @Option(names = "--ess", defaultValue = "10", paramLabel = "X",
            description = "Equivalent sample size of the BDeu prior (default: ${DEFAULT-VALUE}).")
    double ess;

    @Option(names = "--out", required = true, paramLabel = "NET2",
            description = "Where to write the network: .bif for BIF, anything else for a gen4j model file.")
    Path out;

    @Override
    public void run() {
        BayesianNetwork structure = ModelInputs.capability(ModelInputs.load(model), BayesianNetwork.class, "be refitted");
        DiscreteTable rows = DiscreteTable.readCsv(data, structure.variables());
        BayesianNetwork fitted = ParameterEstimator.parse(estimator, ess).fit(structure, rows);
        if (out.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".bif")) {
            BifWriter.write(fitted, out);
        } else {
            ModelIO.save(fitted, out);
        }
        spec.commandLine().getOut().printf("learned %d tables from %d rows (%s); mean log-likelihood %.6f; saved to %s%n",
                fitted.cpts().size(), rows.rows(), estimator, fitted.meanLogProb(rows), out);
    }
}
