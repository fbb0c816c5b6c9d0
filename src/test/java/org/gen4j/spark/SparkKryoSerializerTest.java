package org.gen4j.spark;

import org.apache.spark.sql.SparkSession;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.bayesnet.Networks;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.SequenceBatch;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same fits with Spark's Kryo serializer: parameters and statistics travel as gen4j's own bytes, so the
 * configured serializer changes nothing.
 */
class SparkKryoSerializerTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.open("local[2]", true);
        assertEquals("org.apache.spark.serializer.KryoSerializer", spark.conf().get("spark.serializer"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void mixturesSequencesAndCountsFitAsWithJavaSerialization(@TempDir Path dir) throws IOException {
        var trainer = SparkGaussianMixtureTest.fromTheSameStartOn(spark, CovarianceType.TIED);
        try (SparkTable table = SparkTable.of(trainer.frame(), trainer.columns())) {
            SparkGaussianMixtureTest.assertSameFit(trainer.trainer().fit(trainer.rows()), trainer.trainer().fit(table));
        }

        HiddenMarkovModel truth = BaumWelch.builder().states(2).maxIter(3).seed(1).build()
                .fit(SequenceBatch.of(org.gen4j.data.Datasets.load("eustock-returns").features()));
        List<org.nd4j.linalg.api.ndarray.INDArray> sequences = truth.sample(30, 40, 2).observations().sequences();
        BaumWelch baumWelch = BaumWelch.builder().states(2).startProb(truth.startProb()).transMat(truth.transMat())
                .emission(truth.emission()).tol(0).maxIter(4).build();
        HiddenMarkovModel local = baumWelch.fit(SequenceBatch.of(sequences));
        try (SparkSequences partitioned = SparkSequences.of(SparkHiddenMarkovModelTest.rowsOf(spark, sequences),
                SparkHiddenMarkovModelTest.columns(4), "sequence", "step")) {
            assertArrayEquals(local.fitSummary().history(), baumWelch.fit(partitioned).fitSummary().history(),
                    1e-9 * Math.abs(local.fitSummary().finalValue()));
        }

        BayesianNetwork asia = Networks.load("asia");
        DiscreteTable rows = asia.sample(5_000, 1);
        Path csv = dir.resolve("asia.csv");
        Files.writeString(csv, rows.toCsv());
        try (SparkCases cases = SparkCases.of(SparkSources.read(spark, csv.toString()).repartition(3), asia.variables())) {
            BayesianNetwork distributed = ParameterEstimator.k2().fit(asia, cases);
            for (ConditionalProbabilityTable cpt : ParameterEstimator.k2().fit(asia, rows).cpts()) {
                assertBitIdentical(cpt.values(), distributed.cpt(cpt.child().name()).values(), cpt.child().name());
            }
        }
    }
}
