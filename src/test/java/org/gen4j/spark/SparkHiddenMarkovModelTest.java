package org.gen4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.gen4j.data.SequenceBatch;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Baum–Welch on Spark ({@code local[2]}; rows shuffled over partitions, regrouped into sequences by id and put back in
 * order by a step column) retraces Baum–Welch on one machine from the same parameters, for every emission.
 */
class SparkHiddenMarkovModelTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.open("local[2]", false);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Rows (sequence, step, c0..c{d-1}) of the sequences, shuffled over four partitions. */
    static Dataset<Row> rowsOf(SparkSession spark, List<INDArray> sequences) {
        int d = (int) sequences.get(0).columns();
        List<StructField> fields = new ArrayList<>(List.of(DataTypes.createStructField("sequence", DataTypes.StringType, false),
                DataTypes.createStructField("step", DataTypes.IntegerType, false)));
        for (int j = 0; j < d; j++) {
            fields.add(DataTypes.createStructField("c" + j, DataTypes.DoubleType, true));
        }
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < sequences.size(); s++) {
            double[][] steps = sequences.get(s).toDoubleMatrix();
            for (int t = 0; t < steps.length; t++) {
                Object[] cells = new Object[d + 2];
                cells[0] = "s" + s;
                cells[1] = t;
                for (int j = 0; j < d; j++) {
                    cells[j + 2] = Double.isNaN(steps[t][j]) ? null : steps[t][j];      // a missing value is a null cell
                }
                rows.add(RowFactory.create(cells));
            }
        }
        java.util.Collections.shuffle(rows, new Random(5));
        return spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new))).repartition(4);
    }

    static List<String> columns(int d) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("c" + j);
        }
        return names;
    }

    /** Fits locally and on Spark from the parameters one local iteration reaches, and compares every iteration. */
    static void assertSparkRetracesLocal(UnaryOperator<BaumWelch.Builder> emission, List<INDArray> sequences) {
        SequenceBatch batch = SequenceBatch.of(sequences);
        HiddenMarkovModel start = emission.apply(BaumWelch.builder().states(3)).maxIter(1).seed(2).build().fit(batch);
        BaumWelch trainer = emission.apply(BaumWelch.builder().states(3)).startProb(start.startProb()).transMat(start.transMat())
                .emission(start.emission()).tol(0).maxIter(8).build();
        HiddenMarkovModel local = trainer.fit(batch);
        try (SparkSequences partitioned = SparkSequences.of(rowsOf(spark, sequences), columns((int) sequences.get(0).columns()), "sequence", "step")) {
            assertEquals(sequences.size(), partitioned.sequences());
            assertEquals(batch.totalSteps(), partitioned.steps());
            HiddenMarkovModel distributed = trainer.fit(partitioned);
            assertEquals(local.fitSummary().iterations(), distributed.fitSummary().iterations());
            double[] a = local.fitSummary().history(), b = distributed.fitSummary().history();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-9 * Math.abs(a[i]), "iteration " + (i + 1));
            }
            assertEquals(0, local.transMat().sub(distributed.transMat()).amaxNumber().doubleValue(), 1e-9);
            assertEquals(0, local.startProb().sub(distributed.startProb()).amaxNumber().doubleValue(), 1e-9);
            double scoreLocal = local.score(batch).sumNumber().doubleValue();
            assertEquals(scoreLocal, distributed.score(batch).sumNumber().doubleValue(), 1e-9 * Math.abs(scoreLocal), "the emissions");
        }
    }

    static List<INDArray> gaussianSequences() {
        HiddenMarkovModel truth = BaumWelch.builder().states(3).maxIter(5).seed(1).build().fit(SequenceBatch.of(Datasets.load("eustock-returns").features()));
        return truth.sample(80, 50, 3).observations().sequences();
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void gaussianEmissions(CovarianceType type) {
        assertSparkRetracesLocal(b -> b.gaussian(type), gaussianSequences());
    }

    @Test
    void gaussianMixtureCategoricalAndPoissonEmissions() {
        assertSparkRetracesLocal(b -> b.gaussianMixture(2, CovarianceType.DIAG), gaussianSequences());
        Random random = new Random(4);
        List<INDArray> symbols = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            symbols.add(Nd4j.createFromArray(random.ints(40, 0, 5).asDoubleStream().toArray()).reshape(40, 1));
        }
        assertSparkRetracesLocal(b -> b.categorical(5), symbols);
        assertSparkRetracesLocal(BaumWelch.Builder::poisson, symbols);
    }

    /** Null cells are missing values: Baum–Welch on Spark learns from the rest exactly as it does on one machine. */
    @Test
    void sequencesWithMissingValues() {
        assertSparkRetracesLocal(b -> b.gaussian(CovarianceType.FULL), withGaps(gaussianSequences(), 0.2, 6));
        Random random = new Random(4);
        List<INDArray> counts = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            counts.add(Nd4j.createFromArray(random.ints(40, 0, 5).asDoubleStream().toArray()).reshape(40, 1));
        }
        assertSparkRetracesLocal(BaumWelch.Builder::poisson, withGaps(counts, 0.2, 7));
    }

    /** Each sequence's weight as the last column of its rows: the weighted fit on Spark retraces the local weighted fit. */
    @Test
    void weightedSequences() {
        List<INDArray> sequences = gaussianSequences();
        SequenceBatch batch = SequenceBatch.of(sequences);
        double[] weights = new double[sequences.size()];
        List<INDArray> withWeight = new ArrayList<>();
        for (int s = 0; s < weights.length; s++) {
            weights[s] = s % 5 == 0 ? 0 : 1 + s % 3 + (s % 7 == 0 ? 0.5 : 0);
            INDArray w = Nd4j.valueArrayOf(new long[]{sequences.get(s).rows(), 1}, weights[s], sequences.get(s).dataType());
            withWeight.add(Nd4j.hstack(sequences.get(s), w));
        }
        HiddenMarkovModel start = BaumWelch.builder().states(3).gaussian(CovarianceType.FULL).maxIter(1).seed(2).build().fit(batch);
        BaumWelch trainer = BaumWelch.builder().states(3).gaussian(CovarianceType.FULL).startProb(start.startProb())
                .transMat(start.transMat()).emission(start.emission()).tol(0).maxIter(6).build();
        HiddenMarkovModel local = trainer.fit(batch, weights);
        int d = (int) sequences.get(0).columns();
        try (SparkSequences partitioned = SparkSequences.of(rowsOf(spark, withWeight), columns(d + 1), "sequence", "step")) {
            HiddenMarkovModel distributed = trainer.fitWeighted(partitioned);
            double[] a = local.fitSummary().history(), b = distributed.fitSummary().history();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-9 * Math.abs(a[i]), "iteration " + (i + 1));
            }
            assertEquals(0, local.transMat().sub(distributed.transMat()).amaxNumber().doubleValue(), 1e-9);
            assertEquals(columns(d), distributed.provenance().columns());
        }
        withWeight.get(3).putScalar(7, d, 9.0);                                 // one row of sequence 3 weighs otherwise
        try (SparkSequences partitioned = SparkSequences.of(rowsOf(spark, withWeight), columns(d + 1), "sequence", "step")) {
            Gen4jException e = assertThrows(Gen4jException.class, () -> trainer.fitWeighted(partitioned));
            assertTrue(e.getMessage().contains("a weight belongs to a whole sequence"), e.getMessage());
        }
    }

    private static List<INDArray> withGaps(List<INDArray> sequences, double fraction, long seed) {
        Random random = new Random(seed);
        List<INDArray> out = new ArrayList<>();
        for (INDArray sequence : sequences) {
            double[][] values = sequence.toDoubleMatrix();
            for (double[] step : values) {
                for (int j = 0; j < step.length; j++) {
                    step[j] = random.nextDouble() < fraction ? Double.NaN : step[j];
                }
            }
            out.add(Nd4j.createFromArray(values));
        }
        return out;
    }

    @Test
    void withoutAnOrderColumnRowsKeepTheOrderTheyAreReadIn() {
        List<INDArray> one = List.of(Datasets.load("eustock-returns").features());
        Dataset<Row> rows = SparkSources.of(spark, Datasets.load("eustock-returns"));
        BaumWelch trainer = BaumWelch.builder().states(2).seed(3).tol(0).maxIter(5).build();
        try (SparkSequences partitioned = SparkSequences.of(rows, rows.columns().length == 0 ? null : List.of(rows.columns()), null, null)) {
            assertEquals(1, partitioned.sequences());
            HiddenMarkovModel local = trainer.fit(SequenceBatch.of(one));
            HiddenMarkovModel distributed = trainer.fit(partitioned);
            assertEquals(local.fitSummary().finalValue(), distributed.fitSummary().finalValue(),
                    1e-9 * Math.abs(local.fitSummary().finalValue()), "one sequence: the same sample, the same start");
        }
    }

    @Test
    void aMissingColumnIsOneClearError() {
        Dataset<Row> rows = rowsOf(spark, List.of(Nd4j.rand(10, 2)));
        Gen4jException e = assertThrows(Gen4jException.class, () -> SparkSequences.of(rows, List.of("c0", "c9"), "sequence", "step"));
        assertTrue(e.getMessage().startsWith("no column 'c9'"), e.getMessage());
    }
}
