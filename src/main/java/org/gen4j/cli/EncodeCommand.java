package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.LatentModel;
import org.gen4j.data.NetworkData;
import org.gen4j.data.Table;
import org.gen4j.gan.Gan;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.keras.KerasVae;
import org.gen4j.vae.LatentPosterior;
import org.gen4j.vae.VariationalAutoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code gen4j encode}: the features a model learned, one row per input row. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the features a model learned for every input row: a VAE's latent means and variances "
                + "(z1.., var1..), a mixture's component probabilities (p1..), a GAN discriminator's last hidden layer (f1..).")
final class EncodeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model saved by gen4j or a zoo model.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME",
            description = "Images (digits, mnist, an IDX file, an image folder) or a CSV file or bundled table.")
    String data;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Feature columns (default: the columns the model was fitted on).")
    List<String> columns;

    @Mixin
    RowsOutput out;

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        GenerativeModel loaded = ModelInputs.load(model);
        Features features;
        if (loaded instanceof VariationalAutoencoder vae) {
            features = vaeFeatures(vae);
        } else if (loaded instanceof KerasVae keras) {
            features = posteriorFeatures(keras.encode(NetworkData.load(data, columns, null, 0, NetworkData.Scale.NONE).data()));
        } else if (loaded instanceof Gan gan) {
            INDArray hidden = gan.features(images());
            features = new Features(numbered("f", hidden.columns()), hidden);
        } else if (loaded instanceof HiddenMarkovModel) {
            throw new Gen4jException("an HMM's hidden states are per step: use gen4j decode --proba");
        } else if (loaded instanceof LatentModel<?, ?> latent) {
            Table table = ModelInputs.dataFor(loaded, data, columns);
            INDArray posterior = ((LatentModel<INDArray, INDArray>) latent).posterior(table.features());
            features = new Features(numbered("p", posterior.columns()), posterior);
        } else {
            throw new Gen4jException("a " + loaded.modelType() + " has no learned features to encode (latent variables, "
                    + "or a discriminator)");
        }
        double[][] values = features.values().toDoubleMatrix();
        CsvOutput.write(out.path(), spec.commandLine().getOut(), features.header(), printer -> {
            StringBuilder line = new StringBuilder();
            for (double[] row : values) {
                line.setLength(0);
                for (int j = 0; j < row.length; j++) {
                    line.append(j == 0 ? "" : ",").append(CsvOutput.number(row[j]));
                }
                printer.println(line);
            }
        });
        if (out.path() != null) {
            spec.commandLine().getOut().printf("encoded %d rows into %d features; wrote %s%n", values.length,
                    features.header().size(), out.path());
        }
    }

    /** @param values {@code [n, header.size()]} */
    private record Features(List<String> header, INDArray values) {
    }

    private Features vaeFeatures(VariationalAutoencoder vae) {
        ModelInputs.VaeInput rows = ModelInputs.vaeInput(vae, data, columns);
        return posteriorFeatures(vae.encode(rows.x(), rows.labels()));
    }

    private static Features posteriorFeatures(LatentPosterior q) {
        List<String> header = numbered("z", q.mean().columns());
        header.addAll(numbered("var", q.variance().columns()));
        return new Features(header, org.nd4j.linalg.factory.Nd4j.hstack(q.mean(), q.variance()));
    }

    private INDArray images() {
        return NetworkData.load(data, columns, null, 0, NetworkData.Scale.NONE).data();
    }

    private static List<String> numbered(String prefix, long count) {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= count; j++) {
            names.add(prefix + j);
        }
        return names;
    }
}
