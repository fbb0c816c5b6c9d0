package org.gen4j.gan;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.NetworkData;

/**
 * The named GAN set-ups of the CLI and recipes ({@code mlp}, {@code dcgan}, {@code cgan}, {@code wgan}) turned into
 * an architecture for the given data and a trainer with that set-up's usual hyperparameters.
 * {@code wgan-gp} is refused: its gradient penalty needs second derivatives, which DL4J 1.0.0-M2.1 cannot take
 * through convolutions ("Unable to take derivative of derivative" in SameDiff); {@code wgan} (weight clipping) is
 * the supported Wasserstein variant.
 */
public final class GanSetup {
    private GanSetup() {
    }

    /** What the user chose; null widths keep the defaults. */
    public record Choice(String arch, int latent, int[] generatorHidden, int[] discriminatorHidden, int[] channels, String outputActivation) {
    }

    public static GanArchitecture architecture(Choice c, NetworkData data) {
        String arch = c.arch().toLowerCase(java.util.Locale.ROOT);
        if (arch.equals("wgan-gp")) {
            throw new Gen4jException("wgan-gp is not available: its gradient penalty needs second derivatives, which DL4J 1.0.0-M2.1 "
                    + "cannot take through convolutions; use --arch wgan (Wasserstein loss with weight clipping)");
        }
        boolean convolutional = switch (arch) {
            case "mlp" -> false;
            case "dcgan" -> true;
            case "cgan", "wgan" -> data.isImages();
            default -> throw new Gen4jException("unknown GAN architecture '" + c.arch() + "' (use mlp, dcgan, cgan or wgan)");
        };
        if (convolutional && !data.isImages()) {
            throw new Gen4jException("a DCGAN needs image data (digits, mnist or an IDX file), got " + data.description());
        }
        boolean conditional = arch.equals("cgan");
        if (conditional && data.classes() == 0) {
            throw new Gen4jException("a conditional GAN needs labelled data (digits, mnist, or an IDX file with its labels file)");
        }
        long[] s = data.imageShape();
        GanArchitecture.Builder b = convolutional ? GanArchitecture.dcgan(s[0], s[1], s[2])
                : data.isImages() ? GanArchitecture.mlpOnImages(s[0], s[1], s[2]) : GanArchitecture.mlp(data.features());
        b.latent(c.latent()).classes(conditional ? data.classes() : 0)
                .objective(arch.equals("wgan") ? GanArchitecture.Objective.WASSERSTEIN : GanArchitecture.Objective.STANDARD)
                .outputActivation(c.outputActivation() != null ? c.outputActivation() : data.isImages() ? "sigmoid" : "identity");
        if (c.generatorHidden() != null) {
            b.generatorHidden(c.generatorHidden());
        }
        if (c.discriminatorHidden() != null) {
            b.discriminatorHidden(c.discriminatorHidden());
        }
        if (c.channels() != null) {
            b.channels(c.channels());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new Gen4jException(e.getMessage(), e);
        }
    }

    /** The set-up's usual trainer: Adam 2e-4 / beta1 0.5 for GANs; RMSProp 5e-5, 5 critic steps, clip 0.01 for WGANs. */
    public static GanTrainer trainer(GanArchitecture a) {
        GanTrainer t = new GanTrainer(a);
        return a.objective() == GanArchitecture.Objective.WASSERSTEIN ? t.learningRates(5e-5, 5e-5).nCritic(5).clip(0.01) : t;
    }
}
