package org.gen4j.vae;

import org.nd4j.linalg.activations.Activation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Hidden-layer activations by the names users type ({@code relu}, {@code leakyrelu}, {@code tanh}, ...). */
final class ActivationNames {
    private ActivationNames() {
    }

    static Activation parse(String name) {
        try {
            return Activation.valueOf(name.toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown activation '" + name + "' (use one of "
                    + Arrays.stream(Activation.values()).map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
        }
    }
}
