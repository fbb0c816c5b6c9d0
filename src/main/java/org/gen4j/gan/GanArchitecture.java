package org.gen4j.gan;

import java.util.Arrays;
import java.util.Locale;

/**
 * The shape of a GAN: the data it generates, how generator and discriminator are built, the latent size, the
 * objective and the generator's output range.
 *
 * <pre>{@code
 * GanArchitecture mlp = GanArchitecture.mlp(2).latent(8).generatorHidden(64, 64).discriminatorHidden(64, 64).outputActivation("identity").build();
 * GanArchitecture dcgan = GanArchitecture.dcgan(1, 8, 8).channels(32, 64).latent(32).build();   // images in [0, 1]
 * }</pre>
 *
 * @param dataShape           {@code [d]} (mlp) or {@code [c, h, w]}
 * @param kind                MLP nets, or DCGAN (transposed convolutions with batch norm in the generator, with no
 *                            activation after it, which trained better here than ReLU; strided convolutions with
 *                            LeakyReLU in the discriminator)
 * @param generatorHidden     dense widths of the generator (before the convolutions for a DCGAN)
 * @param discriminatorHidden dense widths of the discriminator (after the convolutions for a DCGAN)
 * @param channels            DCGAN: channels of the discriminator's stride-2 convolutions, mirrored by the generator
 * @param latentSize          dimensions of the noise z ~ N(0, I)
 * @param classes             0, or the number of classes of a conditional GAN (the label goes into both nets)
 * @param outputActivation    the generator's last activation: sigmoid for data in [0, 1], tanh for [-1, 1],
 *                            identity for unbounded (standardised) tables
 * @param objective           the standard (non-saturating) GAN loss or the Wasserstein critic loss (WGAN, with clipping)
 */
public record GanArchitecture(long[] dataShape, Kind kind, int[] generatorHidden, int[] discriminatorHidden, int[] channels,
                              int latentSize, int classes, String outputActivation, Objective objective) implements java.io.Serializable {

    public enum Kind {
        MLP, DCGAN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Objective {
        STANDARD("gan"), WASSERSTEIN("wgan");

        private final String label;

        Objective(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Objective parse(String text) {
            for (Objective o : values()) {
                if (o.label.equalsIgnoreCase(text) || o.name().equalsIgnoreCase(text)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown GAN objective '" + text + "' (use gan or wgan)");
        }
    }

    public GanArchitecture {
        dataShape = dataShape.clone();
        generatorHidden = generatorHidden.clone();
        discriminatorHidden = discriminatorHidden.clone();
        channels = channels.clone();
        if (kind == Kind.DCGAN ? dataShape.length != 3 : dataShape.length != 1 && dataShape.length != 3) {
            throw new IllegalArgumentException(kind.label() + " GAN needs data shape " + (kind == Kind.DCGAN ? "[channels, height, width]"
                    : "[features] or [channels, height, width]") + ", got " + Arrays.toString(dataShape));
        }
        if (Arrays.stream(dataShape).anyMatch(s -> s < 1) || latentSize < 1 || classes < 0) {
            throw new IllegalArgumentException("data shape, latent size must be positive and classes >= 0, got "
                    + Arrays.toString(dataShape) + ", " + latentSize + ", " + classes);
        }
        if (kind == Kind.DCGAN) {
            if (channels.length == 0) {
                throw new IllegalArgumentException("a DCGAN needs at least one convolution (channels)");
            }
            long scale = 1L << channels.length;
            if (dataShape[1] % scale != 0 || dataShape[2] % scale != 0) {
                throw new IllegalArgumentException("image size " + dataShape[1] + "x" + dataShape[2] + " must be divisible by "
                        + scale + " for " + channels.length + " stride-2 convolutions");
            }
        }
        if (classes > 0 && discriminatorHidden.length == 0) {
            // joined after the convolutions, a label reaching the output layer directly can only shift the logit per class
            throw new IllegalArgumentException("a conditional GAN needs a discriminator hidden layer after the label joins (discriminatorHidden)");
        }
        if (!Arrays.asList("sigmoid", "tanh", "identity").contains(outputActivation)) {
            throw new IllegalArgumentException("generator output activation must be sigmoid, tanh or identity, got '" + outputActivation + "'");
        }
    }

    public long dataSize() {
        return Arrays.stream(dataShape).reduce(1, (a, b) -> a * b);
    }

    public boolean images() {
        return dataShape.length == 3;
    }

    public boolean conditional() {
        return classes > 0;
    }

    @Override
    public long[] dataShape() {
        return dataShape.clone();
    }

    @Override
    public int[] generatorHidden() {
        return generatorHidden.clone();
    }

    @Override
    public int[] discriminatorHidden() {
        return discriminatorHidden.clone();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GanArchitecture a && Arrays.equals(dataShape, a.dataShape) && kind == a.kind
                && Arrays.equals(generatorHidden, a.generatorHidden) && Arrays.equals(discriminatorHidden, a.discriminatorHidden)
                && Arrays.equals(channels, a.channels) && latentSize == a.latentSize && classes == a.classes
                && outputActivation.equals(a.outputActivation) && objective == a.objective;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dataShape) * 31 + latentSize;
    }

    @Override
    public String toString() {
        return objective.label() + " " + kind.label() + " " + Arrays.toString(dataShape) + (kind == Kind.DCGAN ? " conv" + Arrays.toString(channels) : "")
                + " G" + Arrays.toString(generatorHidden) + " D" + Arrays.toString(discriminatorHidden) + " latent " + latentSize
                + (conditional() ? ", " + classes + " classes" : "") + ", output " + outputActivation;
    }

    public static Builder mlp(long features) {
        return new Builder(Kind.MLP, new long[]{features});
    }

    /** MLP nets on images: flat pixels inside, {@code [n, c, h, w]} outside. */
    public static Builder mlpOnImages(long channels, long height, long width) {
        return new Builder(Kind.MLP, new long[]{channels, height, width});
    }

    public static Builder dcgan(long channels, long height, long width) {
        return new Builder(Kind.DCGAN, new long[]{channels, height, width});
    }

    /**
     * Defaults: latent 32, generator [128, 128] (DCGAN: [128]), discriminator [128, 128] (DCGAN: none, or [128] when
     * conditional), channels [32, 64], sigmoid output, standard loss.
     */
    public static final class Builder {
        private final Kind kind;
        private final long[] dataShape;
        private int[] generatorHidden;
        private int[] discriminatorHidden;
        private int[] channels = GanShape.DEFAULTS.channels();
        private int latentSize = GanShape.DEFAULTS.latentSize();
        private int classes;
        private String outputActivation = "sigmoid";
        private Objective objective = Objective.STANDARD;

        private Builder(Kind kind, long[] dataShape) {
            this.kind = kind;
            this.dataShape = dataShape;
            this.generatorHidden = GanShape.widths(kind == Kind.DCGAN ? GanShape.DCGAN_GENERATOR_WIDTHS : GanShape.MLP_WIDTHS);
            this.discriminatorHidden = GanShape.widths(kind == Kind.DCGAN ? GanShape.DCGAN_DISCRIMINATOR_WIDTHS : GanShape.MLP_WIDTHS);
        }

        public Builder generatorHidden(int... widths) {
            this.generatorHidden = widths.clone();
            return this;
        }

        public Builder discriminatorHidden(int... widths) {
            this.discriminatorHidden = widths.clone();
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

        public Builder classes(int classes) {
            this.classes = classes;
            return this;
        }

        public Builder outputActivation(String activation) {
            this.outputActivation = activation;
            return this;
        }

        public Builder objective(Objective objective) {
            this.objective = objective;
            return this;
        }

        public GanArchitecture build() {
            if (classes > 0 && discriminatorHidden.length == 0) {
                discriminatorHidden = GanShape.widths(GanShape.CONDITIONAL_DCGAN_DISCRIMINATOR_WIDTHS);
            }
            return new GanArchitecture(dataShape, kind, generatorHidden, discriminatorHidden, kind == Kind.DCGAN ? channels : new int[0],
                    latentSize, classes, outputActivation, objective);
        }
    }
}
