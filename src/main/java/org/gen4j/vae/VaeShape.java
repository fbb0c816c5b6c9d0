package org.gen4j.vae;

import java.util.Arrays;

/**
 * The architecture choices of a VAE that have defaults, written once: {@link VaeArchitecture}'s builders start
 * from {@link #DEFAULTS}, and the command line and the recipe reader show and use the same values.
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

    @Override
    public boolean equals(Object o) {
        return o instanceof VaeShape s && kind == s.kind && Arrays.equals(hidden, s.hidden) && Arrays.equals(channels, s.channels)
                && latentSize == s.latentSize && likelihood == s.likelihood && Double.compare(variance, s.variance) == 0
                && activation.equals(s.activation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hidden) + Arrays.hashCode(channels) + latentSize;
    }
}
