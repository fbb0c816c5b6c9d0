package org.gen4j.gan;

/**
 * The architecture choices of a GAN that have fixed defaults, written once: {@link GanArchitecture}'s builders start
 * from {@link #DEFAULTS}, and the command line and the recipe reader show and use the same values. Dense widths
 * depend on the architecture kind: they are written once as text, which the command line's help quotes and the
 * builders read.
 *
 * <pre>{@code
 * int latent = GanShape.DEFAULTS.latentSize();   // 32, as GanArchitecture.dcgan(1, 8, 8).build() and `gen4j fit gan`
 * }</pre>
 *
 * @param setUp the named set-up the CLI and recipes start from (see {@link GanSetup})
 */
public record GanShape(String setUp, int latentSize, int[] channels) {

    public static final GanShape DEFAULTS = new GanShape("dcgan", 32, new int[]{32, 64});

    /** Dense widths of an MLP GAN's generator and discriminator. */
    public static final String MLP_WIDTHS = "128,128";
    /** Dense widths of a DCGAN generator before its first transposed convolution. */
    public static final String DCGAN_GENERATOR_WIDTHS = "128";
    /** Dense widths of a DCGAN discriminator after its convolutions: none, or these when conditional (the label joins there). */
    public static final String DCGAN_DISCRIMINATOR_WIDTHS = "";
    public static final String CONDITIONAL_DCGAN_DISCRIMINATOR_WIDTHS = "128";

    /** "128,128" as {128, 128}; "" as no layers. */
    static int[] widths(String text) {
        return text.isEmpty() ? new int[0] : java.util.Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    public GanShape {
        channels = channels.clone();
    }

    /** A copy: the defaults cannot be changed through it. */
    @Override
    public int[] channels() {
        return channels.clone();
    }
}
