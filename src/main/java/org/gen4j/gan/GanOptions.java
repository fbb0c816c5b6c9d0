package org.gen4j.gan;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The training hyperparameters of {@link GanTrainer} that have defaults, written once: the trainer starts from
 * {@link #DEFAULTS}, and the command line and the recipe reader show and use the same values. (Learning rates and
 * critic steps depend on the objective; {@link GanSetup} chooses them.)
 *
 * <pre>{@code
 * int batch = GanOptions.DEFAULTS.batchSize();   // 64, as new GanTrainer(arch), `gen4j fit gan` and recipes use it
 * }</pre>
 */
public record GanOptions(int epochs, int batchSize, double labelSmoothing, double emaDecay, long seed, DataType dataType) {

    public static final GanOptions DEFAULTS = new GanOptions(20, 64, 1.0, 0.0, 0, DataType.FLOAT);
}
