package org.gen4j.vae;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.NetworkData;
import org.gen4j.data.OneHotTable;
import org.gen4j.nn.BernoulliLoss;
import org.gen4j.nn.GaussianLoss;
import org.gen4j.nn.ObservationLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * The shape of a variational autoencoder: what data it models, how its encoder and decoder are built, its latent
 * size and its likelihood. Everything needed to rebuild the networks from a saved file.
 *
 * <pre>{@code
 * VaeArchitecture mlp = VaeArchitecture.mlp(64).hidden(256).latent(8).likelihood(Likelihood.BERNOULLI).build();
 * VaeArchitecture conv = VaeArchitecture.conv(1, 8, 8).channels(32, 64).hidden(128).latent(8).build();
 * }</pre>
 *
 * @param dataShape  {@code [d]} for tabular data, {@code [c, h, w]} for images (an MLP flattens them, and gives images back)
 * @param kind       dense layers only, or convolutions in front of (encoder) and behind (decoder) the dense layers
 * @param hidden     dense layer widths of the encoder; the decoder mirrors them
 * @param channels   convolution channels of the encoder (each halves height and width); the decoder mirrors them
 * @param latentSize dimensions of z
 * @param likelihood p(x | z)
 * @param variance   the fixed variance ({@link Likelihood#GAUSSIAN_FIXED}) or the smallest learned variance
 * @param classes    0 for a plain VAE, the number of classes for a conditional VAE
 * @param activation hidden-layer activation, a DL4J {@code Activation} name such as {@code relu} or {@code leakyrelu}
 * @param categories categories per column for {@link Likelihood#CATEGORICAL} (one-hot blocks), else empty
 * @param variables  the discrete columns' names and states when known (empty otherwise), so samples come back as
 *                   tables of states
 */
public record VaeArchitecture(long[] dataShape, Kind kind, int[] hidden, int[] channels, int latentSize,
                              Likelihood likelihood, double variance, int classes, String activation, int[] categories,
                              java.util.List<org.gen4j.data.DiscreteVariable> variables) implements java.io.Serializable {

    public enum Kind {
        MLP, CONV;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String text) {
            for (Kind kind : values()) {
                if (kind.label().equalsIgnoreCase(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown architecture '" + text + "' (use mlp or conv)");
        }
    }

    public VaeArchitecture {
        dataShape = dataShape.clone();
        hidden = hidden.clone();
        channels = channels.clone();
        if (kind == Kind.CONV ? dataShape.length != 3 : dataShape.length != 1 && dataShape.length != 3) {
            throw new IllegalArgumentException(kind.label() + " VAE needs data shape " + (kind == Kind.CONV ? "[channels, height, width]"
                    : "[features] or [channels, height, width]") + ", got " + Arrays.toString(dataShape));
        }
        for (long size : dataShape) {
            if (size < 1) {
                throw new IllegalArgumentException("data shape must be positive, got " + Arrays.toString(dataShape));
            }
        }
        if (latentSize < 1) {
            throw new IllegalArgumentException("latent size must be at least 1, got " + latentSize);
        }
        for (int width : hidden) {
            if (width < 1) {
                throw new IllegalArgumentException("hidden layer widths must be positive, got " + Arrays.toString(hidden));
            }
        }
        if (kind == Kind.CONV) {
            if (channels.length == 0) {
                throw new IllegalArgumentException("a conv VAE needs at least one convolution (channels)");
            }
            long scale = 1L << channels.length;
            if (dataShape[1] % scale != 0 || dataShape[2] % scale != 0) {
                throw new IllegalArgumentException("image size " + dataShape[1] + "x" + dataShape[2] + " must be divisible by "
                        + scale + " for " + channels.length + " stride-2 convolutions");
            }
        }
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("variance must be positive, got " + variance);
        }
        if (classes < 0) {
            throw new IllegalArgumentException("classes must be 0 (unconditional) or the number of classes, got " + classes);
        }
        ActivationNames.parse(activation);
        categories = categories.clone();
        if (likelihood == Likelihood.CATEGORICAL) {
            long width = Arrays.stream(dataShape).reduce(1, (p, q) -> p * q);      // fields are not set yet here
            if (kind != Kind.MLP || Arrays.stream(categories).sum() != width || Arrays.stream(categories).anyMatch(k -> k < 2)) {
                throw new IllegalArgumentException("a categorical VAE is an MLP over one-hot columns: categories "
                        + Arrays.toString(categories) + " must each be at least 2 and sum to the data width " + width);
            }
        } else if (categories.length > 0) {
            throw new IllegalArgumentException("categories are for the categorical likelihood, not " + likelihood.label());
        }
        variables = variables == null ? java.util.List.of() : java.util.List.copyOf(variables);
        if (!variables.isEmpty() && !Arrays.equals(variables.stream().mapToInt(org.gen4j.data.DiscreteVariable::cardinality).toArray(), categories)) {
            throw new IllegalArgumentException("the variables' state counts do not match the categories " + Arrays.toString(categories));
        }
    }

    @Override
    public int[] categories() {
        return categories.clone();
    }

    /** Features per sample: {@code d}, or {@code c * h * w}. */
    public long dataSize() {
        return Arrays.stream(dataShape).reduce(1, (a, b) -> a * b);
    }

    public boolean conditional() {
        return classes > 0;
    }

    public ObservationLoss newObservationLoss() {
        return switch (likelihood) {
            case BERNOULLI -> new BernoulliLoss();
            case GAUSSIAN -> new GaussianLoss(true, variance);
            case GAUSSIAN_FIXED -> new GaussianLoss(false, variance);
            case CATEGORICAL -> new CategoricalLoss(categories);
        };
    }

    @Override
    public long[] dataShape() {
        return dataShape.clone();
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaeArchitecture a && Arrays.equals(dataShape, a.dataShape) && kind == a.kind
                && Arrays.equals(hidden, a.hidden) && Arrays.equals(channels, a.channels) && latentSize == a.latentSize
                && likelihood == a.likelihood && variance == a.variance && classes == a.classes && activation.equals(a.activation)
                && Arrays.equals(categories, a.categories) && variables.equals(a.variables);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dataShape) * 31 + Arrays.hashCode(hidden) * 7 + latentSize;
    }

    @Override
    public String toString() {
        String conv = kind == Kind.CONV ? " conv" + Arrays.toString(channels) : "";
        return kind.label() + " " + Arrays.toString(dataShape) + conv + " hidden" + Arrays.toString(hidden) + " latent "
                + latentSize + ", " + likelihood.label() + (conditional() ? ", " + classes + " classes" : "") + ", " + activation;
    }

    public static Builder mlp(long features) {
        return new Builder(Kind.MLP, new long[]{features});
    }

    /** An MLP on images: it sees flat pixels but takes and returns {@code [n, c, h, w]}. */
    public static Builder mlpOnImages(long channels, long height, long width) {
        return new Builder(Kind.MLP, new long[]{channels, height, width});
    }

    /** True when the data are images {@code [c, h, w]} (whatever the architecture). */
    public boolean images() {
        return dataShape.length == 3;
    }

    public static Builder conv(long channels, long height, long width) {
        return new Builder(Kind.CONV, new long[]{channels, height, width});
    }

    /** Defaults: one hidden layer of 256, convolutions of 32 and 64 channels, latent size 8, Bernoulli, relu. */
    public static final class Builder {
        private final Kind kind;
        private final long[] dataShape;
        private int[] hidden = VaeShape.DEFAULTS.hidden();
        private int[] channels = VaeShape.DEFAULTS.channels();
        private int latentSize = VaeShape.DEFAULTS.latentSize();
        private Likelihood likelihood = VaeShape.DEFAULTS.likelihood();
        private double variance = VaeShape.DEFAULTS.variance();
        private int classes;
        private String activation = VaeShape.DEFAULTS.activation();
        private int[] categories = new int[0];
        private java.util.List<org.gen4j.data.DiscreteVariable> variables = java.util.List.of();

        private Builder(Kind kind, long[] dataShape) {
            this.kind = kind;
            this.dataShape = dataShape;
        }

        public Builder hidden(int... widths) {
            this.hidden = widths.clone();
            return this;
        }

        public Builder channels(int... channels) {
            this.channels = channels.clone();
            return this;
        }

        public Builder latent(int size) {
            this.latentSize = size;
            return this;
        }

        public Builder likelihood(Likelihood likelihood) {
            this.likelihood = likelihood;
            return this;
        }

        public Builder variance(double variance) {
            this.variance = variance;
            return this;
        }

        public Builder classes(int classes) {
            this.classes = classes;
            return this;
        }

        /** A categorical likelihood over one-hot columns with these category counts (see {@link OneHotTable}). */
        public Builder categories(int... categories) {
            this.categories = categories.clone();
            this.likelihood = Likelihood.CATEGORICAL;
            return this;
        }

        /** A categorical likelihood over these discrete columns (one-hot encoded in order, see {@link OneHotTable}). */
        public Builder variables(java.util.List<org.gen4j.data.DiscreteVariable> variables) {
            this.variables = java.util.List.copyOf(variables);
            return categories(variables.stream().mapToInt(org.gen4j.data.DiscreteVariable::cardinality).toArray());
        }

        public Builder activation(String activation) {
            this.activation = activation;
            return this;
        }

        public VaeArchitecture build() {
            return new VaeArchitecture(dataShape, kind, hidden, kind == Kind.CONV ? channels : new int[0], latentSize,
                    likelihood, variance, classes, activation, likelihood == Likelihood.CATEGORICAL ? categories : new int[0],
                    likelihood == Likelihood.CATEGORICAL ? variables : java.util.List.of());
        }
    }

    /**
     * The architecture for this data: {@code conv} needs images; a conditional model takes one class per label.
     *
     * @throws Gen4jException naming what does not fit
     */
    public static VaeArchitecture forData(NetworkData data, String kind, int[] hidden, int[] channels, int latent, Likelihood likelihood,
                                        double variance, boolean conditional, String activation) {
        try {
            return architectureOrThrow(data, kind, hidden, channels, latent, likelihood, variance, conditional, activation);
        } catch (IllegalArgumentException e) {
            throw new Gen4jException(e.getMessage(), e);
        }
    }

    private static VaeArchitecture architectureOrThrow(NetworkData data, String kind, int[] hidden, int[] channels, int latent, Likelihood likelihood,
                                                double variance, boolean conditional, String activation) {
        VaeArchitecture.Builder b;
        if (VaeArchitecture.Kind.parse(kind) == VaeArchitecture.Kind.CONV) {
            if (!data.isImages()) {
                throw new IllegalArgumentException("a conv VAE needs image data (digits, mnist or an IDX file), got " + data.description());
            }
            b = VaeArchitecture.conv(data.imageShape()[0], data.imageShape()[1], data.imageShape()[2]).channels(channels);
        } else {
            b = data.isImages() ? VaeArchitecture.mlpOnImages(data.imageShape()[0], data.imageShape()[1], data.imageShape()[2])
                    : VaeArchitecture.mlp(data.features());
        }
        if (conditional && data.classes() == 0) {
            throw new IllegalArgumentException("a conditional VAE needs labelled data (digits, mnist, an IDX file with its labels file, or a label column)");
        }
        if (likelihood == Likelihood.CATEGORICAL) {
            if (data.categories() == null) {
                throw new IllegalArgumentException("the categorical likelihood needs a table of discrete states (a CSV of state names)");
            }
            if (data.variables() != null) {
                b.variables(data.variables());
            } else {
                b.categories(data.categories());
            }
        } else if (data.categories() != null) {
            throw new IllegalArgumentException("discrete tables take the categorical likelihood, not " + likelihood.label());
        }
        return b.hidden(hidden).latent(latent).likelihood(likelihood).variance(variance)
                .classes(conditional ? data.classes() : 0).activation(activation).build();
    }

    /** The data as this architecture takes it: images for image models, rows for tables. */
    public INDArray inputs(NetworkData data) {
        return images() ? data.data() : data.flat();
    }
}
