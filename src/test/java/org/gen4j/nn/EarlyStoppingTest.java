package org.gen4j.nn;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxScoreIterationTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanArchitecture;
import org.gen4j.gan.GanTrainer;
import org.gen4j.vae.VaeArchitecture;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DL4J's early-stopping configurations driving gen4j's VAE and GAN trainers. */
class EarlyStoppingTest {
    private static final INDArray DIGITS = Datasets.load("digits").features().div(16.0);
    private static final INDArray TRAIN = DIGITS.get(NDArrayIndex.interval(0, 600), NDArrayIndex.all());
    private static final INDArray TEST = DIGITS.get(NDArrayIndex.interval(1500, 1797), NDArrayIndex.all());
    private static final VaeArchitecture MLP = VaeArchitecture.mlp(64).hidden(64).latent(4).build();

    private static VaeTrainer trainer(int epochs) {
        return new VaeTrainer(MLP).epochs(epochs).batchSize(64).seed(3);
    }

    @Test
    void aVaeStopsWhenTheHeldOutElboStopsImprovingAndKeepsTheBestEpoch() {
        // an improvement of 1e9 nats never comes: DL4J's condition ends the run 2 epochs after the first; the best
        // score (the ELBO still rises) is the last epoch's
        EarlyStopping<VariationalAutoencoder> stopping = new EarlyStopping<>(new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .epochTerminationConditions(new ScoreImprovementEpochTerminationCondition(2, 1e9))
                .scoreCalculator(new EarlyStopping.TrainerMetric(false)).modelSaver(new InMemoryModelSaver<>()).build(),
                VariationalAutoencoder::copy);
        VariationalAutoencoder kept = trainer(10).earlyStopping(stopping).fit(TRAIN, TEST);

        VariationalAutoencoder straight = trainer(3).fit(TRAIN, TEST);
        EarlyStoppingResult<ComputationGraph> result = stopping.result();
        assertTrue(stopping.stoppedEarly());
        assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition, result.getTerminationReason());
        assertEquals(3, result.getTotalEpochs());
        assertEquals(2, result.getBestModelEpoch());
        double[] elbo = straight.history().testElbo();
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(elbo[epoch], result.getScoreVsEpoch().get(epoch), 1e-12, "the score of epoch " + epoch);
        }
        assertEquals(3, kept.history().epochs(), "stopped after 3 of 10 epochs");
        assertEquals(straight.network().params(), kept.network().params());
        assertEquals(kept.network().params(), result.getBestModel().params(), "DL4J's model saver holds the same network");
    }

    @Test
    void aScoreCalculatorOfTheUsersRunsEveryNEpochs() {
        List<Integer> calls = new ArrayList<>();
        ScoreCalculator<ComputationGraph> weightNorm = new ScoreCalculator<>() {
            @Override
            public double calculateScore(ComputationGraph network) {
                calls.add(network.getConfiguration().getEpochCount());
                return network.params().norm2Number().doubleValue();
            }

            @Override
            public boolean minimizeScore() {
                return true;
            }
        };
        EarlyStopping<VariationalAutoencoder> stopping = new EarlyStopping<>(new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(4)).evaluateEveryNEpochs(2)
                .scoreCalculator(weightNorm).modelSaver(new InMemoryModelSaver<>()).build(), VariationalAutoencoder::copy);
        VariationalAutoencoder model = trainer(6).earlyStopping(stopping).fit(TRAIN);
        assertEquals(List.of(2, 4), calls, "scored after epochs 2 and 4, then the 4-epoch limit ended the run");
        assertEquals(List.of(1, 3), new ArrayList<>(stopping.result().getScoreVsEpoch().keySet()));
        assertTrue(model.history().epochs() == 2 || model.history().epochs() == 4);
        assertEquals(stopping.bestEpoch(), model.history().epochs());
    }

    @Test
    void anIterationConditionEndsTrainingInsideAnEpoch() {
        EarlyStopping<VariationalAutoencoder> stopping = new EarlyStopping<>(new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .iterationTerminationConditions(new MaxScoreIterationTerminationCondition(1.0))
                .scoreCalculator(new EarlyStopping.TrainerMetric(false)).modelSaver(new InMemoryModelSaver<>()).build(),
                VariationalAutoencoder::copy);
        VariationalAutoencoder model = trainer(5).earlyStopping(stopping).fit(TRAIN, TEST);
        assertEquals(EarlyStoppingResult.TerminationReason.IterationTerminationCondition, stopping.result().getTerminationReason());
        assertEquals(1, model.history().iterations(), "a negative ELBO above 1 nat ends the run after its first step");
    }

    @Test
    void aGanStopsOnItsEpochMetric() {
        INDArray ring = Nd4j.rand(DataType.FLOAT, 400, 2);
        GanArchitecture mlp = GanArchitecture.mlp(2).latent(4).generatorHidden(16).discriminatorHidden(16)
                .outputActivation("identity").build();
        EarlyStopping<Gan> stopping = new EarlyStopping<>(new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .epochTerminationConditions(new ScoreImprovementEpochTerminationCondition(1, 1e9))
                .scoreCalculator(new EarlyStopping.TrainerMetric(true)).modelSaver(new InMemoryModelSaver<>()).build(), Gan::copy);
        GanTrainer trainer = new GanTrainer(mlp).epochs(6).batchSize(100).seed(2)
                .epochMetric(gan -> gan.sample(200, 1).meanNumber().doubleValue());
        Gan kept = trainer.earlyStopping(stopping).fit(ring);
        assertEquals(2, stopping.result().getTotalEpochs());
        assertEquals(1, kept.history().epochs());
        Gan firstEpoch = new GanTrainer(mlp).epochs(1).batchSize(100).seed(2).fit(ring);
        assertEquals(firstEpoch.network().params(), kept.network().params());
        assertArrayEquals(new double[]{kept.history().metric()[0]}, new double[]{stopping.result().getBestModelScore()}, 1e-12);

        Gen4jException noMetric = assertThrows(Gen4jException.class,
                () -> new GanTrainer(mlp).epochs(2).earlyStopping(new EarlyStopping<Gan>(EarlyStopping.onHeldOutMetric(1, true), Gan::copy)).fit(ring));
        assertTrue(noMetric.getMessage().contains("epochMetric"), noMetric.getMessage());
    }

    @Test
    void anIncompleteConfigurationIsNamed() {
        Gen4jException noScore = assertThrows(Gen4jException.class, () -> new EarlyStopping<VariationalAutoencoder>(
                new EarlyStoppingConfiguration.Builder<ComputationGraph>().epochTerminationConditions(new MaxEpochsTerminationCondition(3))
                        .modelSaver(new InMemoryModelSaver<>()).build(), VariationalAutoencoder::copy));
        assertTrue(noScore.getMessage().contains("score calculator"), noScore.getMessage());
        Gen4jException noTest = assertThrows(Gen4jException.class, () -> trainer(2)
                .earlyStopping(new EarlyStopping<>(EarlyStopping.onHeldOutMetric(1, false), VariationalAutoencoder::copy)).fit(TRAIN));
        assertTrue(noTest.getMessage().contains("needs test data"), noTest.getMessage());
        assertFalse(new EarlyStopping<VariationalAutoencoder>(EarlyStopping.onHeldOutMetric(1, false), VariationalAutoencoder::copy).stoppedEarly());
    }
}
