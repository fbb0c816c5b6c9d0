package org.gen4j.nn;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.core.Gen4jException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * DL4J's early stopping for gen4j's network trainers: an {@link EarlyStoppingConfiguration} (epoch and iteration
 * termination conditions, score calculator, model saver, evaluation interval) applied between the epochs of a
 * {@code VaeTrainer} or {@code GanTrainer}, which keep their own loop (noise inputs drawn from the seed and the
 * iteration, so that a resumed run equals an uninterrupted one). The trainer returns the best model; {@link #result()}
 * is DL4J's {@link EarlyStoppingResult} (reason, score per epoch, best epoch).
 * <pre>{@code
 * var stopping = new EarlyStopping<VariationalAutoencoder>(EarlyStopping.onHeldOutMetric(5, false), VariationalAutoencoder::copy);
 * VariationalAutoencoder best = new VaeTrainer(arch).epochs(100).earlyStopping(stopping).fit(train, test);
 * System.out.println(stopping.result().getTerminationDetails());
 * }</pre>
 *
 * @param <M> the gen4j model the trainer produces
 */
public final class EarlyStopping<M> {
    private final EarlyStoppingConfiguration<ComputationGraph> configuration;
    private final UnaryOperator<M> copy;
    private final Map<Integer, Double> scoreVsEpoch = new LinkedHashMap<>();
    private EarlyStoppingResult.TerminationReason reason;
    private String details;
    private M best;
    private double bestScore;
    private int bestEpoch;
    private int epochs;

    /** @param copy a deep copy of a model, since the trainer goes on changing the one it hands over */
    public EarlyStopping(EarlyStoppingConfiguration<ComputationGraph> configuration, UnaryOperator<M> copy) {
        try {
            configuration.validate();
        } catch (DL4JInvalidConfigException e) {
            throw new Gen4jException("early stopping: " + e.getMessage());
        }
        this.configuration = configuration;
        this.copy = copy;
    }

    /**
     * Stop after {@code patience} epochs without gain in the trainer's held-out metric (a VAE's held-out ELBO, a GAN's
     * epoch metric such as the Fréchet distance); the trainer's epoch count is the upper bound. The best model is kept
     * in memory.
     *
     * @param minimize whether lower values of the metric are better (true for a Fréchet distance, false for an ELBO)
     */
    public static EarlyStoppingConfiguration<ComputationGraph> onHeldOutMetric(int patience, boolean minimize) {
        if (patience < 1) {
            throw new Gen4jException("early stopping needs patience >= 1, got " + patience);
        }
        return new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .epochTerminationConditions(new ScoreImprovementEpochTerminationCondition(patience))
                .scoreCalculator(new TrainerMetric(minimize))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
    }

    /**
     * The score calculator that takes the held-out metric the trainer measures after each epoch itself, instead of
     * computing one from the network.
     */
    public static final class TrainerMetric implements ScoreCalculator<ComputationGraph> {
        private final boolean minimize;

        public TrainerMetric(boolean minimize) {
            this.minimize = minimize;
        }

        @Override
        public double calculateScore(ComputationGraph network) {
            throw new UnsupportedOperationException("the trainer supplies this score");
        }

        @Override
        public boolean minimizeScore() {
            return minimize;
        }
    }

    /** Whether the score is the trainer's own held-out metric ({@link TrainerMetric}). */
    public boolean needsTrainerMetric() {
        return configuration.getScoreCalculator() instanceof TrainerMetric;
    }

    /** Called by the trainer before its first epoch. */
    public void start() {
        configuration.getEpochTerminationConditions().forEach(EpochTerminationCondition::initialize);
        configuration.getIterationTerminationConditions().forEach(IterationTerminationCondition::initialize);
        scoreVsEpoch.clear();
        reason = null;
        details = null;
        best = null;
        bestEpoch = -1;
        epochs = 0;
        bestScore = Double.NaN;
    }

    /** @return whether an iteration condition (e.g. an invalid or too large loss, a time limit) ends training */
    public boolean afterIteration(double loss) {
        for (IterationTerminationCondition condition : configuration.getIterationTerminationConditions()) {
            if (condition.terminate(loss)) {
                reason = EarlyStoppingResult.TerminationReason.IterationTerminationCondition;
                details = condition.toString();
                return true;
            }
        }
        return false;
    }

    /**
     * Scores the epoch (every {@code evaluateEveryNEpochs}), keeps the model if it is the best so far, and asks the
     * epoch conditions.
     *
     * @param epoch    0-based epoch just finished
     * @param measured the trainer's held-out metric for this epoch (used with {@link TrainerMetric})
     * @return whether training ends here
     */
    public boolean afterEpoch(int epoch, M model, ComputationGraph network, double measured) {
        epochs = epoch + 1;
        int every = Math.max(1, configuration.getEvaluateEveryNEpochs());
        if ((epoch + 1) % every != 0 && !configuration.getEpochTerminationConditions().isEmpty()) {
            return false;
        }
        ScoreCalculator<ComputationGraph> calculator = configuration.getScoreCalculator() != null
                ? configuration.getScoreCalculator() : configuration.getScoreCalculatorSupplier().get();
        boolean minimize = calculator.minimizeScore();
        double score = calculator instanceof TrainerMetric ? measured : calculator.calculateScore(network);
        scoreVsEpoch.put(epoch, score);
        if (Double.isFinite(score) && (best == null || (minimize ? score < bestScore : score > bestScore))) {
            best = copy.apply(model);
            bestScore = score;
            bestEpoch = epoch;
            save(network, score, true);
        }
        if (configuration.isSaveLastModel()) {
            save(network, score, false);
        }
        for (EpochTerminationCondition condition : configuration.getEpochTerminationConditions()) {
            if (condition.terminate(epoch, score, minimize)) {
                reason = EarlyStoppingResult.TerminationReason.EpochTerminationCondition;
                details = condition.toString();
                return true;
            }
        }
        return false;
    }

    private void save(ComputationGraph network, double score, boolean bestSoFar) {
        try {
            if (bestSoFar) {
                configuration.getModelSaver().saveBestModel(network, score);
            } else {
                configuration.getModelSaver().saveLatestModel(network, score);
            }
        } catch (IOException e) {
            throw new Gen4jException("early stopping could not save the " + (bestSoFar ? "best" : "latest") + " network: " + e.getMessage());
        }
    }

    /** The model to hand back: the best scored one, or {@code last} when none was scored. */
    public M chosen(M last) {
        return best != null ? best : last;
    }

    /** DL4J's summary of the run: why it ended, the score per epoch, the best epoch and its network. */
    public EarlyStoppingResult<ComputationGraph> result() {
        if (reason == null && epochs == 0) {
            throw new Gen4jException("early stopping has no result before training ran");
        }
        ComputationGraph network;
        try {
            network = configuration.getModelSaver().getBestModel();
        } catch (IOException e) {
            throw new Gen4jException("early stopping could not read the best network back: " + e.getMessage());
        }
        return new EarlyStoppingResult<>(reason == null ? EarlyStoppingResult.TerminationReason.EpochTerminationCondition : reason,
                reason == null ? "all epochs ran" : details, new LinkedHashMap<>(scoreVsEpoch), bestEpoch, bestScore, epochs, network);
    }

    /** Whether training ended by a termination condition rather than by running all epochs. */
    public boolean stoppedEarly() {
        return reason != null;
    }

    /** The 1-based epoch of the best model, or 0 when none was scored. */
    public int bestEpoch() {
        return bestEpoch + 1;
    }
}
