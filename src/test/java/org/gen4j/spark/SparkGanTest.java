package org.gen4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gen4j.data.Table;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanArchitecture;
import org.gen4j.gan.GanTrainer;
import org.gen4j.testing.Ring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A GAN trained on Spark by local alternating steps and averaging in partition order: it covers the eight modes of
 * the ring one machine covers, two runs give the same bits, and a continued run ends where a straight one ends.
 */
class SparkGanTest {
    private static final GanArchitecture RING_GAN = GanArchitecture.mlp(2).latent(8).generatorHidden(128, 128)
            .discriminatorHidden(128, 128).outputActivation("identity").build();
    private static SparkSession spark;
    private static Dataset<Row> ring;
    private static final List<String> XY = List.of("x", "y");

    @BeforeAll
    static void start() {
        spark = SparkSessions.open("local[2]", false);
        ring = SparkSources.of(spark, new Table(Ring.points(2000, 1), XY, null, "ring")).repartition(2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static GanTrainer trainer(int epochs) {
        return new GanTrainer(RING_GAN).epochs(epochs).batchSize(100).learningRates(2e-3, 2e-3).emaDecay(0.99).seed(1);
    }

    @Test
    void coversEveryModeOfTheRingAndEveryEpochIsSeen() {
        List<Integer> seen = new ArrayList<>();
        Gan gan = SparkGan.fit(trainer(80).afterEpoch(g -> seen.add(g.history().epochs())), ring, XY, 5, null);
        assertEquals(80, seen.size(), "the afterEpoch callback sees every epoch, on the driver");
        assertEquals(80, gan.history().epochs());
        double[] shares = Ring.modeShares(gan.sample(2000, 3));
        for (int k = 0; k < 8; k++) {
            assertTrue(shares[k] > 0.03, "mode " + k + " gets " + shares[k] + ": " + Arrays.toString(shares));
        }
        assertTrue(shares[8] < 0.5, "most samples sit on a mode: " + Arrays.toString(shares));
        assertTrue(gan.provenance().data().contains("2 partitions"), gan.provenance().data());
    }

    @Test
    void twoRunsGiveTheSameBitsAndAContinuedRunEndsWhereAStraightRunEnds() {
        Gan straight = SparkGan.fit(trainer(3), ring, XY, 4, null);
        Gan again = SparkGan.fit(trainer(3), ring, XY, 4, null);
        assertBitIdentical(straight.network().params(), again.network().params(), "two runs");

        Gan first = SparkGan.fit(trainer(1), ring, XY, 4, null);
        Gan continued = SparkGan.fit(trainer(2), ring, XY, 4, first);
        assertEquals(3, continued.history().epochs());
        assertEquals(straight.history().iterations(), continued.history().iterations());
        assertBitIdentical(straight.network().params(), continued.network().params(), "parameters");
        assertBitIdentical(straight.network().getUpdater().getStateViewArray(), continued.network().getUpdater().getStateViewArray(),
                "the generator's updater state");
        assertBitIdentical(straight.discriminatorNetwork().getUpdater().getStateViewArray(),
                continued.discriminatorNetwork().getUpdater().getStateViewArray(), "the discriminator's updater state");
        assertBitIdentical(straight.averagedGeneratorWeights(), continued.averagedGeneratorWeights(), "the generator's weight average");
    }

    @Test
    void aConditionalGanDrawsEachClassWhereItsRowsAre() {
        int n = 1200;
        INDArray points = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, n, 2);
        String[] labels = new String[n];
        java.util.Random random = new java.util.Random(2);
        for (int i = 0; i < n; i++) {
            boolean right = i % 2 == 1;
            labels[i] = right ? "right" : "left";
            points.putScalar(i, 0, (right ? 2 : -2) + 0.3 * random.nextGaussian());
            points.putScalar(i, 1, 0.3 * random.nextGaussian());
        }
        Dataset<Row> rows = SparkSources.of(spark, new Table(points, XY, labels, "two clusters"), "side").repartition(2);
        ClassColumn sides = ClassColumn.of(rows, "side", "two clusters");
        assertEquals(List.of("left", "right"), sides.classes());
        GanArchitecture conditional = GanArchitecture.mlp(2).latent(4).generatorHidden(64).discriminatorHidden(64)
                .outputActivation("identity").classes(2).build();
        Gan gan = SparkGan.fit(new GanTrainer(conditional).epochs(30).batchSize(50).learningRates(2e-3, 2e-3).seed(3),
                rows, XY, sides, 5, null);
        double left = gan.sample(500, 1, 0).getColumn(0).meanNumber().doubleValue();
        double right = gan.sample(500, 1, 1).getColumn(0).meanNumber().doubleValue();
        assertTrue(left < -1 && right > 1, "class 'left' draws around x = -2 (" + left + "), 'right' around 2 (" + right + ")");
    }
}
