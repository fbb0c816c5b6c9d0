package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.Table;
import org.gen4j.data.SequenceBatch;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.vae.VariationalAutoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/** {@code gen4j impute}: fills the missing cells of a table from a fitted model. */
@Command(name = "impute", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fill the missing cells (empty, NA) of a CSV from a Gaussian mixture (each gap by its conditional"
                + " mean given the row's observed values), a hidden Markov model (each step's gaps from the state posteriors"
                + " given the whole sequence: conditional or posterior means, the most probable symbol) or a Bayesian network"
                + " (the most probable states of a row's missing variables given its observed ones); with --samples K, K"
                + " draws from their conditional distribution (multiple imputation: K completed copies, numbered in a first"
                + " column 'imputation'; a hidden Markov model draws whole state paths). A VAE trained on CSV rows fills"
                + " them by pseudo-Gibbs sampling (approximate: its encoder only approximates the posterior)."})
final class ImputeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "A Gaussian mixture, hidden Markov model or VAE saved by gen4j, or a Bayesian network (.bif, saved, or bundled such as asia).")
    String model;

    @Option(names = "--sequence-column", paramLabel = "ID",
            description = "Hidden Markov models: the column naming each row's sequence (default: the file is one sequence).")
    String sequenceColumn;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Rows with gaps; the model's columns are read.")
    String data;

    @Option(names = "--samples", paramLabel = "K", description = "Draw K completed copies instead of the conditional means.")
    Integer samples;

    @Option(names = "--rounds", defaultValue = "100", paramLabel = "N",
            description = "VAEs: rounds of the pseudo-Gibbs chain (z from the encoder, the gaps from the decoder) (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the draws; copy k uses S + k (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    RowsOutput out;

    @Override
    public void run() {
        if (samples != null && samples < 1) {
            throw new Gen4jException("--samples must be at least 1, got " + samples);
        }
        org.gen4j.core.GenerativeModel loaded = ModelInputs.load(model);
        if (loaded instanceof HiddenMarkovModel hmm) {
            imputeSequences(hmm);
            return;
        }
        if (sequenceColumn != null) {
            throw new Gen4jException("--sequence-column is for hidden Markov models; " + model + " is not one");
        }
        if (loaded instanceof org.gen4j.bayesnet.BayesianNetwork network) {
            imputeCases(network);
            return;
        }
        if (loaded instanceof VariationalAutoencoder vae) {
            imputeRows(vae);
            return;
        }
        GaussianMixture gmm = loaded instanceof GaussianMixture g ? g
                : fail("impute fills gaps from a Gaussian mixture, a hidden Markov model, a Bayesian network or a VAE; " + model
                + " is none of them");
        Table table = ModelInputs.dataFor(gmm, data, null);
        List<double[][]> copies = new ArrayList<>();
        if (samples == null) {
            copies.add(gmm.impute(table.features()).toDoubleMatrix());
        } else {
            for (int k = 1; k <= samples; k++) {
                copies.add(gmm.imputeSample(table.features(), seed + k).toDoubleMatrix());
            }
        }
        writeRows(table, copies, " (conditional means)");
    }

    /** Rows of a VAE trained on CSV rows (Gaussian or Bernoulli outputs), by its pseudo-Gibbs chain. */
    private void imputeRows(VariationalAutoencoder vae) {
        if (vae.architecture().images() || vae.architecture().likelihood() == org.gen4j.vae.Likelihood.CATEGORICAL
                || vae.architecture().conditional()) {
            throw new Gen4jException("impute takes CSV rows for an unconditional VAE with Gaussian or Bernoulli outputs;"
                    + " for images or one-hot tables call VariationalAutoencoder.impute from Java");
        }
        if (rounds < 1) {
            throw new Gen4jException("--rounds must be at least 1, got " + rounds);
        }
        Table table = org.gen4j.data.Datasets.load(data, null, true);
        List<double[][]> copies = new ArrayList<>();
        if (samples == null) {
            copies.add(vae.impute(table.features(), rounds, seed).toDoubleMatrix());
        } else {
            for (int k = 1; k <= samples; k++) {
                copies.add(vae.imputeSample(table.features(), rounds, seed + k).toDoubleMatrix());
            }
        }
        writeRows(table, copies, " (average decoder means over the chain, approximate)");
    }

    private void writeRows(Table table, List<double[][]> copies, String pointKind) {
        List<String> header = new ArrayList<>();
        if (samples != null) {
            header.add("imputation");
        }
        header.addAll(table.columns());
        CsvOutput.write(out.path(), spec.commandLine().getOut(), header, printer -> {
            for (int k = 0; k < copies.size(); k++) {
                for (double[] row : copies.get(k)) {
                    StringBuilder line = new StringBuilder(samples == null ? "" : (k + 1) + ",");
                    for (int a = 0; a < row.length; a++) {
                        line.append(a == 0 ? "" : ",").append(CsvOutput.number(row[a]));
                    }
                    printer.println(line);
                }
            }
        });
        if (out.path() != null) {
            spec.commandLine().getErr().printf("imputed %d rows%s; wrote %s%n", table.rows(),
                    samples == null ? pointKind : " " + samples + " times", out.path());
        }
    }

    /** Sequences: each row's sequence id, then its completed values, in the file's order. */
    private void imputeSequences(HiddenMarkovModel hmm) {
        List<String> fitted = hmm.provenance().columns();
        SequenceBatch batch = SequenceInput.load(data, fitted.isEmpty() ? null : fitted, sequenceColumn);
        List<List<INDArray>> copies = new ArrayList<>();
        if (samples == null) {
            copies.add(hmm.impute(batch));
        } else {
            for (int k = 1; k <= samples; k++) {
                copies.add(hmm.imputeSample(batch, seed + k));
            }
        }
        List<String> header = new ArrayList<>();
        if (samples != null) {
            header.add("imputation");
        }
        header.add(sequenceColumn == null ? "sequence" : sequenceColumn);
        header.addAll(batch.columns().isEmpty() ? columnNames(batch.dimensions()) : batch.columns());
        CsvOutput.write(out.path(), spec.commandLine().getOut(), header, printer -> {
            for (int k = 0; k < copies.size(); k++) {
                for (int i = 0; i < batch.size(); i++) {
                    for (double[] step : copies.get(k).get(i).toDoubleMatrix()) {
                        StringBuilder line = new StringBuilder(samples == null ? "" : (k + 1) + ",");
                        line.append(batch.ids().get(i));
                        for (double value : step) {
                            line.append(',').append(CsvOutput.number(value));
                        }
                        printer.println(line);
                    }
                }
            }
        });
        if (out.path() != null) {
            spec.commandLine().getErr().printf("imputed %d sequences (%d steps)%s; wrote %s%n", batch.size(), batch.totalSteps(),
                    samples == null ? " (posterior expectations)" : " " + samples + " times", out.path());
        }
    }

    private static List<String> columnNames(int d) {
        List<String> names = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            names.add("x" + a);
        }
        return names;
    }

    /** Cases of a network: state names in, state names out. */
    private void imputeCases(org.gen4j.bayesnet.BayesianNetwork network) {
        org.gen4j.data.DiscreteTable rows = org.gen4j.data.DiscreteTable.readCsv(java.nio.file.Path.of(data), network.variables());
        org.gen4j.bayesnet.inference.Imputation imputation = new org.gen4j.bayesnet.inference.Imputation(network);
        List<String> copies = new ArrayList<>();
        if (samples == null) {
            copies.add(imputation.mostProbable(rows).toCsv());
        } else {
            for (int k = 1; k <= samples; k++) {
                copies.add(imputation.sample(rows, seed + k).toCsv());
            }
        }
        List<String> header = new ArrayList<>();
        if (samples != null) {
            header.add("imputation");
        }
        header.addAll(network.variables().stream().map(org.gen4j.data.DiscreteVariable::name).toList());
        CsvOutput.write(out.path(), spec.commandLine().getOut(), header, printer -> {
            for (int k = 0; k < copies.size(); k++) {
                for (String line : copies.get(k).lines().skip(1).toList()) {
                    printer.println(samples == null ? line : (k + 1) + "," + line);
                }
            }
        });
        if (out.path() != null) {
            spec.commandLine().getErr().printf("imputed %d cases%s; wrote %s%n", rows.rows(),
                    samples == null ? " (most probable states)" : " " + samples + " times", out.path());
        }
    }

    private static GaussianMixture fail(String message) {
        throw new Gen4jException(message);
    }
}
