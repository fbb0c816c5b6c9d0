package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.SequenceBatch;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.hmm.Viterbi;
import org.gen4j.viz.StatePathPlot;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code gen4j decode}: the hidden state of every step under a saved hidden Markov model. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write one row per input row with its hidden state (Viterbi path or posterior decoding).")
final class DecodeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "A hidden Markov model saved by gen4j, or zoo:hmm-eustocks.")
    String model;

    @Mixin
    TableData data;

    @Option(names = "--sequence-column", paramLabel = "ID", description = "Column naming each row's sequence (default: one sequence).")
    String sequenceColumn;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Observation columns (default: the columns the model was fitted on).")
    List<String> columns;

    @Option(names = "--method", defaultValue = "viterbi", paramLabel = "METHOD",
            description = "viterbi (most likely path) or posterior (most likely state per step) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--proba", description = "Also write the posterior probability of every state.")
    boolean proba;

    @Mixin
    RowsOutput out;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw the first sequence's first (or --plot-column) column with its states as coloured bands.")
    Path plot;

    @Option(names = "--plot-column", paramLabel = "COL", description = "Which observation column --plot draws.")
    String plotColumn;

    @Override
    public void run() {
        HiddenMarkovModel hmm = ModelInputs.capability(ModelInputs.load(model), HiddenMarkovModel.class, "decode states");
        List<String> wanted = columns != null && !columns.isEmpty() ? columns : hmm.provenance().columns();
        SequenceBatch batch = SequenceInput.load(data.source(), wanted.isEmpty() ? null : wanted, sequenceColumn);
        List<int[]> states = switch (method) {
            case "viterbi" -> hmm.viterbi(batch).stream().map(Viterbi.Path::states).toList();
            case "posterior" -> hmm.decodePosterior(batch);
            default -> throw new Gen4jException("unknown --method '" + method + "' (expected viterbi or posterior)");
        };
        List<INDArray> posteriors = proba ? hmm.posterior(batch) : null;
        List<String> header = new ArrayList<>(List.of("sequence", "step", "state"));
        if (proba) {
            for (int k = 0; k < hmm.states(); k++) {
                header.add("p" + k);
            }
        }
        CsvOutput.write(out.path(), spec.commandLine().getOut(), header, printer -> {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < batch.size(); i++) {
                double[][] p = proba ? posteriors.get(i).toDoubleMatrix() : null;
                int[] path = states.get(i);
                for (int t = 0; t < path.length; t++) {
                    line.setLength(0);
                    line.append(batch.ids().get(i)).append(',').append(t).append(',').append(path[t]);
                    if (p != null) {
                        for (double v : p[t]) {
                            line.append(',').append(CsvOutput.number(v));
                        }
                    }
                    printer.println(line);
                }
            }
        });
        if (plot != null) {
            int column = plotColumn == null ? 0 : batch.columns().indexOf(plotColumn);
            if (column < 0) {
                throw new Gen4jException("no column '" + plotColumn + "' to plot (columns: " + batch.columns() + ")");
            }
            String name = batch.columns().isEmpty() ? "x" + column : batch.columns().get(column);
            StatePathPlot.of(name + ": " + method + " states of sequence " + batch.ids().get(0),
                    batch.sequence(0).getColumn(column).toDoubleVector(), states.get(0)).write(plot);
            spec.commandLine().getOut().printf("plotted the states of sequence %s to %s%n", batch.ids().get(0), plot);
        }
        if (out.path() != null) {
            spec.commandLine().getOut().printf("decoded %d sequences (%d steps) with %s; wrote %s%n",
                    batch.size(), batch.totalSteps(), method, out.path());
        }
    }
}
