package org.gen4j.gan;

/**
 * The architecture choices of a GAN that have fixed defaults, written once: {@link GanArchitecture}'s builders start
 * from {@link #DEFAULTS}, and the command line and the recipe reader show and use the same values. (Dense widths
 * depend on the architecture kind and stay with the builders.)
 *
 * <pre>{@code
 * int latent = GanShape.DEFAULTS.latentSize();   // 32, as GanArchitecture.dcgan(1, 8, 8).build() and `gen4j fit gan`
 * }</pre>
 *
 * @param setUp the named set-up the CLI and recipes start from (see {@link GanSetup})
 */
public record GanShape(String setUp, int latentSize, int[] channels) {

    public static final GanShape DEFAULTS = new GanShape("dcgan", 32, new int[]{32, 64});

    public GanShape {
        channels = channels.clone();
    }

    /** A copy: the defaults cannot be changed through it. */
    @Override
    public int[] channels() {
        return channels.clone();
    }
}
