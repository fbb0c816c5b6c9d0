package org.gen4j.vae;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The training hyperparameters of {@link VaeTrainer} that have defaults, written once: the trainer starts from
 * {@link #DEFAULTS}, and the command line and the recipe reader show and use the same values.
 *
 * <pre>{@code
 * int epochs = VaeOptions.DEFAULTS.epochs();     // 20, as new VaeTrainer(arch), `gen4j fit vae` and recipes use it
 * }</pre>
 */
public record VaeOptions(int epochs, int batchSize, double learningRate, double beta, int warmupEpochs, long seed,
                         DataType dataType) implements java.io.Serializable {

    public static final VaeOptions DEFAULTS = new VaeOptions(20, 128, 1e-3, 1.0, 0, 0, DataType.FLOAT);
}
