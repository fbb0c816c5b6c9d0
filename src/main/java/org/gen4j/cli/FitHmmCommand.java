package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.ModelIO;
import org.gen4j.data.SequenceBatch;
import org.gen4j.spark.SparkFits;
import org.gen4j.stats.CovarianceType;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.CategoricalEmission;
import org.gen4j.hmm.Emission;
import org.gen4j.hmm.GaussianEmission;
import org.gen4j.hmm.GaussianMixtureEmission;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.hmm.PoissonEmission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

/** {@code gen4j fit hmm}: fits a hidden Markov model by Baum–Welch and saves it. */
@Command(name = "hmm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a hidden Markov model by Baum-Welch.")
final class FitHmmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME",
            description = "CSV file with a header, or a bundled data set (one sequence): faithful, eustock-returns, ...")
    String data;

    @Option(names = "--sequence-column", paramLabel = "ID",
            description = "Column whose value names each row's sequence (rows of a sequence contiguous, in time order). "
                    + "Without it the whole file is one sequence.")
    String sequenceColumn;

    @Option(names = "--weight-column", paramLabel = "COL",
            description = "A numeric column giving each sequence's weight (the same on all its rows); not a feature.")
    String weightColumn;

    @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Observation columns (default: all others).")
    List<String> columns;

    @Option(names = {"-k", "--states"}, required = true, paramLabel = "K", description = "Number of hidden states.")
    int states;

    @Option(names = "--emission", paramLabel = "KIND",
            description = "gaussian, gmm (a Gaussian mixture per state), categorical or poisson (default: ${DEFAULT-VALUE}).")
    String emission;

    @Option(names = "--covariance", paramLabel = "TYPE",
            description = "For gaussian and gmm: full, diag, spherical or tied (default: ${DEFAULT-VALUE}).")
    String covariance;

    @Option(names = "--mixtures", paramLabel = "M",
            description = "Gaussians per state: more than 1 makes a gmm emission (gmm default: 2).")
    int mixtures;

    @Option(names = "--n-init", paramLabel = "N", description = "Restarts; the best is kept (default: ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--max-iter", paramLabel = "N", description = "Maximum Baum-Welch iterations (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--tol", paramLabel = "X",
            description = "Stop when the total log-likelihood gains less (default: ${DEFAULT-VALUE}).")
    double tol;

    @Mixin
    RandomSeed seed;

    @Mixin
    ModelOutput out;

    @Mixin
    SparkOption spark;

    @Option(names = "--step-column", paramLabel = "COL",
            description = "With --spark: the column ordering the steps of a sequence (default: the order rows are read in).")
    String stepColumn;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    @Override
    public void run() {
        BaumWelch.Builder builder = BaumWelch.builder().states(states).emission(emission)
                .nInit(nInit).maxIter(maxIter).tol(tol).seed(seed.value());
        if (emission.equalsIgnoreCase(GaussianEmission.KIND)) {
            builder.gaussianMixture(mixtures, CovarianceType.parse(covariance));
        } else if (emission.equalsIgnoreCase(GaussianMixtureEmission.KIND)) {
            builder.gaussianMixture(Math.max(mixtures, 2), CovarianceType.parse(covariance));
        } else if (mixtures != 1) {
            throw new org.gen4j.core.Gen4jException("--mixtures applies to gaussian and gmm emissions, not " + emission);
        }
        Progress.EmBar progress = Progress.of(spec.commandLine().getErr(), json).em("Baum-Welch", nInit, maxIter);
        BaumWelch trainer = builder.listener(progress).build();
        if (stepColumn != null && !spark.requested()) {
            throw new org.gen4j.core.Gen4jException("--step-column orders rows on Spark (with --spark); locally, rows of a sequence are read in order");
        }
        HiddenMarkovModel hmm;
        String described;
        List<String> fittedColumns;
        long sequences;
        long steps;
        double sampleSize;                     // Σ of weight × length when sequences are weighted, else the steps
        double logLikelihood;
        double fitSeconds;
        if (spark.requested()) {
            long start = System.nanoTime();
            SparkFits.Fitted<HiddenMarkovModel> fitted;
            try (progress) {
                fitted = SparkOption.run(() -> SparkFits.hmm(spark.master(), data, columns, sequenceColumn, stepColumn, weightColumn, trainer));
            }
            fitSeconds = (System.nanoTime() - start) / 1e9;
            hmm = fitted.model();
            described = fitted.data();
            fittedColumns = hmm.provenance().columns();
            sequences = -1;
            steps = fitted.count();
            sampleSize = fitted.sampleSize();
            logLikelihood = fitted.logLikelihood();
        } else {
            SequenceInput.Weighted input = SequenceInput.load(data, columns, sequenceColumn, weightColumn);
            SequenceBatch batch = input.batch();
            double[] weights = input.weights();
            long start = System.nanoTime();
            try (progress) {
                hmm = weights == null ? trainer.fit(batch) : trainer.fit(batch, weights);
            }
            fitSeconds = (System.nanoTime() - start) / 1e9;
            described = batch + (weights == null ? "" : ", weighted by " + weightColumn);
            fittedColumns = batch.columns();
            sequences = batch.size();
            double[] perSequence = hmm.logProb(batch).toDoubleVector();
            steps = batch.totalSteps();
            sampleSize = 0;
            logLikelihood = 0;
            for (int i = 0; i < perSequence.length; i++) {
                double w = weights == null ? 1 : weights[i];
                sampleSize += w * batch.lengths()[i];
                logLikelihood += w * perSequence[i];
            }
        }
        ModelIO.save(hmm, out.path());
        double bic = -2 * logLikelihood + hmm.parameterCount() * Math.log(sampleSize);
        double aic = -2 * logLikelihood + 2 * hmm.parameterCount();
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            ObjectNode summary = JsonOutput.object();
            summary.put("model", out.path().toString());
            summary.put("states", hmm.states());
            summary.put("emission", hmm.emission().kind());
            summary.putPOJO("columns", fittedColumns);
            if (sequences >= 0) {
                summary.put("sequences", sequences);
            }
            summary.put("steps", steps);
            summary.putPOJO("startProb", JsonOutput.values(hmm.startProb()));
            summary.putPOJO("transMat", JsonOutput.values(hmm.transMat()));
            summary.set("emissionParameters", emissionJson(hmm.emission()));
            summary.put("logLikelihood", logLikelihood);
            summary.put("converged", hmm.converged());
            summary.put("nIter", hmm.nIter());
            summary.put("bic", bic);
            summary.put("aic", aic);
            summary.put("fitSeconds", fitSeconds);
            printer.println(JsonOutput.write(summary));
        } else {
            printer.print(hmm);
            printer.printf("data: %s%n", described);
            printer.printf("log-likelihood %.4f, BIC %.3f, fitted in %.3f s%n", logLikelihood, bic, fitSeconds);
            if (!hmm.converged()) {
                printer.printf("note: not converged within %d iterations (raise --max-iter or --tol)%n", maxIter);
            }
            printer.println("saved to " + out.path());
        }
    }

    static ObjectNode emissionJson(Emission emission) {
        ObjectNode node = JsonOutput.object();
        node.put("kind", emission.kind());
        if (emission instanceof GaussianEmission g) {
            node.put("covarianceType", g.gaussians().type().label());
            node.putPOJO("means", JsonOutput.values(g.gaussians().means()));
            node.putPOJO("covariances", JsonOutput.values(g.gaussians().covariances()));
        } else if (emission instanceof CategoricalEmission c) {
            node.putPOJO("probabilities", JsonOutput.values(c.probabilities()));
        } else if (emission instanceof GaussianMixtureEmission m) {
            node.put("covarianceType", m.gaussians().type().label());
            node.putPOJO("mixtureWeights", JsonOutput.values(m.weights()));
            node.putPOJO("means", JsonOutput.values(m.gaussians().means()));
            node.putPOJO("covariances", JsonOutput.values(m.gaussians().covariances()));
        } else if (emission instanceof PoissonEmission p) {
            node.putPOJO("rates", JsonOutput.values(p.rates()));
        }
        return node;
    }
}
