package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.core.AnomalyScorer;
import org.gen4j.core.DensityModel;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.LatentModel;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.NetworkData;
import org.gen4j.data.SequenceBatch;
import org.gen4j.data.Table;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.vae.VariationalAutoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code gen4j score}: the log-likelihood of every row under a saved model. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write one row per input row: its log-likelihood and, for latent-variable models, the most likely "
                + "component (VAEs: the ELBO or, with --iw-samples, the importance-weighted log-likelihood, and the latent "
                + "means); for models without a density (GANs, discriminators) its anomaly score.")
final class ScoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "A model saved by gen4j, a zoo model (zoo:gmm-faithful, ...), a .bif network, or a bundled network name.")
    String model;

    @Mixin
    TableData data;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Feature columns (default: the columns the model was fitted on).")
    List<String> columns;

    @Option(names = "--sequence-column", paramLabel = "ID",
            description = "For sequence models: column naming each row's sequence (default: one sequence).")
    String sequenceColumn;

    @Option(names = "--per-step", description = "For sequence models: one row per step with its surprise -log p(x_t | x_<t).")
    boolean perStep;

    @Option(names = "--iw-samples", paramLabel = "K",
            description = "For VAEs: the importance-weighted estimate of log p(x) with K samples per row; without it, "
                    + "the evidence lower bound (ELBO) of each row, averaged over " + ELBO_DRAWS + " draws.")
    Integer iwSamples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "For VAEs: the seed of the latent draws (same seed, same scores; default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    RowsOutput out;

    @Option(names = "--json", description = "Print a JSON summary (rows and mean scores in nats per row: meanLogLikelihood, "
            + "for VAEs meanElbo too) instead of text; the rows go to --out only.")
    boolean json;

    /** Draws of z per row for a VAE's ELBO. */
    static final int ELBO_DRAWS = 10;

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        GenerativeModel loaded = ModelInputs.load(model);
        if (loaded instanceof HiddenMarkovModel hmm) {
            scoreSequences(hmm);
            return;
        }
        if (loaded instanceof BayesianNetwork network) {
            DiscreteTable rows = DiscreteTable.readCsv(Path.of(data.source()), network.variables());
            double[] values = network.logProb(rows).toDoubleVector();
            writeLogLikelihoods(network, values, data.source());
            return;
        }
        if (loaded instanceof VariationalAutoencoder vae) {
            scoreVae(vae);
            return;
        }
        if (!(loaded instanceof DensityModel<?>) && loaded instanceof AnomalyScorer<?> scorer) {
            scoreAnomalies((AnomalyScorer<INDArray>) scorer);
            return;
        }
        DensityModel<INDArray> density = ModelInputs.capability(loaded, DensityModel.class, "score log-likelihoods");
        Table table = ModelInputs.dataFor(loaded, data.source(), columns);
        double[] logLikelihood = density.logProb(table.features()).toDoubleVector();
        int[] component = null;
        List<String> header = new ArrayList<>(List.of("logLikelihood"));
        if (loaded instanceof LatentModel<?, ?> latent) {
            INDArray posterior = ((LatentModel<INDArray, INDArray>) latent).posterior(table.features());
            component = Nd4j.argMax(posterior, 1).toIntVector();
            header.add("component");
        }
        int[] components = component;
        writeRows(header, printer -> {
            for (int i = 0; i < logLikelihood.length; i++) {
                printer.println(components == null ? CsvOutput.number(logLikelihood[i])
                        : CsvOutput.number(logLikelihood[i]) + "," + components[i]);
            }
        });
        ObjectNode summary = summary(loaded, logLikelihood.length).put("meanLogLikelihood", mean(logLikelihood));
        finish(summary, String.format("scored %d rows of %s, mean log-likelihood %.6f", logLikelihood.length, table.source(),
                mean(logLikelihood)));
    }

    /** The rows as CSV: to --out, or to standard output unless only the JSON summary is asked for. */
    private void writeRows(List<String> header, CsvOutput.RowWriter rows) {
        if (out.path() != null || !json) {
            CsvOutput.write(out.path(), spec.commandLine().getOut(), header, rows);
        }
    }

    private ObjectNode summary(GenerativeModel model, int rows) {
        ObjectNode summary = JsonOutput.object();
        summary.put("model", model.modelType());
        summary.put("rows", rows);
        return summary;
    }

    /** The JSON summary with --json; else, when the rows went to a file, one line saying what was written. */
    private void finish(ObjectNode summary, String text) {
        if (out.path() != null) {
            summary.put("out", out.path().toString());
        }
        if (json) {
            spec.commandLine().getOut().println(JsonOutput.write(summary));
        } else if (out.path() != null) {
            spec.commandLine().getOut().printf("%s; wrote %s%n", text, out.path());
        }
    }

    /** Models without a density (GANs, imported discriminators): one anomaly score per row, higher = stranger. */
    private void scoreAnomalies(AnomalyScorer<INDArray> scorer) {
        NetworkData rows = NetworkData.load(data.source(), columns, null, 0, NetworkData.Scale.NONE);
        double[] scores = scorer.score(rows.data()).toDoubleVector();
        writeRows(List.of("anomalyScore"), printer -> {
            for (double v : scores) {
                printer.println(CsvOutput.number(v));
            }
        });
        finish(summary((GenerativeModel) scorer, scores.length).put("meanAnomalyScore", mean(scores)),
                String.format("scored %d rows of %s (anomaly score, higher = stranger)", scores.length, rows.description()));
    }

    /** Importance-weighted log p(x) and the latent means (the learned features) of each row. */
    private void scoreVae(VariationalAutoencoder vae) {
        ModelInputs.VaeInput rows = ModelInputs.vaeInput(vae, data.source(), columns);
        INDArray x = rows.x();
        int[] labels = rows.labels();
        boolean weighted = iwSamples != null;
        if (weighted && iwSamples < 1) {
            throw new Gen4jException("--iw-samples must be at least 1, got " + iwSamples);
        }
        // the ELBO is the rows' score, or (with --iw-samples) only wanted for the JSON summary
        double[] elbo = !weighted || json ? vae.elbo(x, labels, ELBO_DRAWS, seed).toDoubleVector() : null;
        double[] values = weighted ? vae.logProb(x, labels, iwSamples, seed).toDoubleVector() : elbo;
        double[][] means = vae.encode(x, labels).mean().toDoubleMatrix();
        List<String> header = new ArrayList<>(List.of(weighted ? "logLikelihood" : "elbo"));
        for (int j = 0; j < vae.latentSize(); j++) {
            header.add("z" + (j + 1));
        }
        writeRows(header, printer -> {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                line.setLength(0);
                line.append(CsvOutput.number(values[i]));
                for (double z : means[i]) {
                    line.append(',').append(CsvOutput.number(z));
                }
                printer.println(line);
            }
        });
        ObjectNode summary = summary(vae, values.length);
        if (elbo != null) {
            summary.put("meanElbo", mean(elbo));
        }
        if (weighted) {
            summary.put("meanLogLikelihood", mean(values)).put("importanceSamples", iwSamples);
        }
        finish(summary, weighted
                ? String.format("scored %d rows of %s, mean log-likelihood %.6f (importance-weighted, K=%d)", values.length,
                rows.description(), mean(values), iwSamples)
                : String.format("scored %d rows of %s, mean ELBO %.6f", values.length, rows.description(), mean(elbo)));
    }

    private void writeLogLikelihoods(GenerativeModel model, double[] values, String source) {
        writeRows(List.of("logLikelihood"), printer -> {
            for (double v : values) {
                printer.println(CsvOutput.number(v));
            }
        });
        finish(summary(model, values.length).put("meanLogLikelihood", mean(values)),
                String.format("scored %d rows of %s, mean log-likelihood %.6f", values.length, source, mean(values)));
    }

    private void scoreSequences(HiddenMarkovModel hmm) {
        List<String> wanted = columns != null && !columns.isEmpty() ? columns : hmm.provenance().columns();
        SequenceBatch batch = SequenceInput.load(data.source(), wanted.isEmpty() ? null : wanted, sequenceColumn);
        double[] logLikelihood = hmm.logProb(batch).toDoubleVector();
        if (perStep) {
            List<INDArray> surprise = hmm.stepSurprise(batch);
            writeRows(List.of("sequence", "step", "surprise"), printer -> {
                for (int i = 0; i < batch.size(); i++) {
                    double[] s = surprise.get(i).toDoubleVector();
                    for (int t = 0; t < s.length; t++) {
                        printer.println(batch.ids().get(i) + "," + t + "," + CsvOutput.number(s[t]));
                    }
                }
            });
        } else {
            int[] lengths = batch.lengths();
            writeRows(List.of("sequence", "steps", "logLikelihood"), printer -> {
                for (int i = 0; i < batch.size(); i++) {
                    printer.println(batch.ids().get(i) + "," + lengths[i] + "," + CsvOutput.number(logLikelihood[i]));
                }
            });
        }
        double total = java.util.Arrays.stream(logLikelihood).sum();
        ObjectNode summary = summary(hmm, batch.size()).put("steps", batch.totalSteps()).put("totalLogLikelihood", total)
                .put("meanLogLikelihood", mean(logLikelihood));
        finish(summary, String.format("scored %d sequences (%d steps), total log-likelihood %.6f", batch.size(),
                batch.totalSteps(), total));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
