package org.gen4j.vae;

/**
 * The architecture choices of a VAE that have defaults, written once: {@link VaeArchitecture}'s builders start
 * from {@link #DEFAULTS}, and the command line and the recipe reader show and use the same values. (A record of
 * defaults: its arrays are copied in and out, and it is not meant to be compared.)
 *
 * <pre>{@code
 * int latent = VaeShape.DEFAULTS.latentSize();   // 8, as VaeArchitecture.mlp(d).build(), `gen4j fit vae` and recipes
 * }</pre>
 */
public record VaeShape(VaeArchitecture.Kind kind, int[] hidden, int[] channels, int latentSize, Likelihood likelihood,
                       double variance, String activation) {

    public static final VaeShape DEFAULTS = new VaeShape(VaeArchitecture.Kind.MLP, new int[]{256}, new int[]{32, 64}, 8,
            Likelihood.BERNOULLI, 1e-2, "relu");

    public VaeShape {
        hidden = hidden.clone();
        channels = channels.clone();
    }

    /** A copy: the defaults cannot be changed through it. */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** A copy: the defaults cannot be changed through it. */
    @Override
    public int[] channels() {
        return channels.clone();
    }
}
