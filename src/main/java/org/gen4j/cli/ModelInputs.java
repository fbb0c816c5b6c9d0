package org.gen4j.cli;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.data.Datasets;
import org.gen4j.data.Table;

import java.util.ArrayList;
import java.util.List;

/** The rules shared by commands that apply a saved model to data. */
final class ModelInputs {
    private ModelInputs() {
    }

    /** Loads {@code --data}, selecting the model's own feature columns unless {@code --columns} says otherwise. */
    static Table dataFor(GenerativeModel model, String data, List<String> columns) {
        List<String> wanted = columns != null && !columns.isEmpty() ? columns : model.provenance().columns();
        // a Gaussian mixture scores the observed values of rows with gaps; other models need every value
        return Datasets.load(data, wanted.isEmpty() ? null : wanted, model instanceof org.gen4j.gmm.GaussianMixture);
    }

    /** Column names for generated data: the model's, or x0, x1, ... */
    static List<String> columnNames(GenerativeModel model, int dimensions) {
        List<String> names = model.provenance().columns();
        if (names.size() == dimensions) {
            return names;
        }
        List<String> generic = new ArrayList<>();
        for (int j = 0; j < dimensions; j++) {
            generic.add("x" + j);
        }
        return generic;
    }

    /** A saved gen4j model, a {@code .bif} network, or a bundled network by name. */
    static GenerativeModel load(String model) {
        if (model.startsWith(org.gen4j.core.ModelZoo.PREFIX)) {
            return org.gen4j.core.ModelZoo.load(model);
        }
        java.nio.file.Path path = java.nio.file.Path.of(model);
        if (org.gen4j.bayesnet.readwrite.BifReader.isBifName(model)
                || !java.nio.file.Files.exists(path) && org.gen4j.bayesnet.Networks.BUNDLED.contains(model)) {
            return org.gen4j.bayesnet.Networks.load(model);
        }
        return org.gen4j.core.ModelIO.load(path);
    }

    /** A VAE's input rows from {@code --data} ({@code labels} null unless the VAE is conditional). */
    record VaeInput(org.nd4j.linalg.api.ndarray.INDArray x, int[] labels, String description) {
    }

    static VaeInput vaeInput(org.gen4j.vae.VariationalAutoencoder vae, String data, List<String> columns) {
        org.gen4j.vae.VaeArchitecture a = vae.architecture();
        org.gen4j.data.NetworkData rows = a.likelihood() == org.gen4j.vae.Likelihood.CATEGORICAL
                ? org.gen4j.data.NetworkData.discrete(data, 0, a.variables().isEmpty() ? null : a.variables())
                : org.gen4j.data.NetworkData.load(data, columns, null, 0, org.gen4j.data.NetworkData.Scale.NONE);
        int[] labels = a.conditional() ? rows.labels() : null;
        if (a.conditional() && labels == null) {
            throw new Gen4jException("this conditional VAE needs labelled data (digits, mnist or an IDX file with its labels)");
        }
        return new VaeInput(a.inputs(rows), labels, rows.description());
    }

    static <T> T capability(GenerativeModel model, Class<T> capability, String what) {
        if (!capability.isInstance(model)) {
            throw new Gen4jException("a " + model.modelType() + " model cannot " + what);
        }
        return capability.cast(model);
    }
}
