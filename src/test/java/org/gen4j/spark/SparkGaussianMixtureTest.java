package org.gen4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.gen4j.em.FitState;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EM on Spark ({@code local[2]}, several partitions, several blocks per partition) retraces EM on one machine from the
 * same starting parameters: same iterations, log-likelihood within 1e-9 at every one.
 */
class SparkGaussianMixtureTest {
    private static final List<String> COLUMNS = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    private static SparkSession spark;
    private static INDArray rows;
    private static Dataset<Row> frame;

    @BeforeAll
    static void start() {
        spark = SparkSessions.open("local[2]", false);
        rows = irisLike();
        frame = framed(spark, rows);
    }

    /** 20,000 rows drawn from a mixture fitted to iris. */
    static INDArray irisLike() {
        GaussianMixture truth = GaussianMixtureTrainer.builder().components(3).seed(1).build().fit(Datasets.load("iris").features());
        return truth.sample(20_000, 7);
    }

    static Dataset<Row> framed(SparkSession session, INDArray x) {
        return SparkSources.of(session, new Table(x, COLUMNS, null, "iris-like sample")).repartition(5);
    }

    /** A trainer that starts from given parameters, the rows, and the same rows in a Spark session. */
    record Setup(GaussianMixtureTrainer trainer, INDArray rows, Dataset<Row> frame, List<String> columns) {
    }

    static Setup fromTheSameStartOn(SparkSession session, CovarianceType type) {
        INDArray x = irisLike();
        return new Setup(fromTheSameStart(type, x), x, framed(session, x), COLUMNS);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static GaussianMixtureTrainer fromTheSameStart(CovarianceType type, INDArray x) {
        GaussianMixture start = GaussianMixtureTrainer.builder().components(3).covariance(type).maxIter(1).seed(4)
                .build().fit(x);
        return GaussianMixtureTrainer.builder().components(3).covariance(type).initialMeans(start.means())
                .initialWeights(start.weights()).initialPrecisions(start.precisions()).tol(0).maxIter(12).build();
    }

    static void assertSameFit(GaussianMixture local, GaussianMixture spark) {
        assertEquals(local.nIter(), spark.nIter());
        assertArrayEquals(local.fitSummary().history(), spark.fitSummary().history(), 1e-9);
        assertEquals(0, local.means().sub(spark.means()).amaxNumber().doubleValue(), 1e-8);
        assertEquals(0, local.covariances().sub(spark.covariances()).amaxNumber().doubleValue(), 1e-8);
        assertEquals(0, local.weights().sub(spark.weights()).amaxNumber().doubleValue(), 1e-10);
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void sparkEmRetracesLocalEm(CovarianceType type) {
        GaussianMixtureTrainer trainer = fromTheSameStart(type, rows);
        try (SparkTable table = SparkTable.of(frame, COLUMNS)) {
            assertEquals(5, frame.rdd().getNumPartitions());
            assertSameFit(trainer.fit(rows), trainer.fit(table));
        }
    }

    /** Weighted rows (the weight column last) give on the cluster the fit they give on one machine from the same start. */
    @ParameterizedTest
    @EnumSource(value = CovarianceType.class, names = {"FULL", "DIAG"})
    void weightedRowsRetraceTheLocalWeightedFit(CovarianceType type) {
        java.util.Random random = new java.util.Random(12);
        double[] weights = new double[(int) rows.rows()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextInt(4) + (i % 7 == 0 ? 0.5 : 0);            // 0 to 3, some fractional
        }
        INDArray w = Nd4j.createFromArray(weights).reshape(weights.length, 1);
        List<String> withWeight = new java.util.ArrayList<>(COLUMNS);
        withWeight.add("w");
        Dataset<Row> weighted = SparkSources.of(spark, new Table(Nd4j.hstack(rows, w), withWeight, null, "weighted rows")).repartition(5);
        GaussianMixtureTrainer trainer = fromTheSameStart(type, rows);
        try (SparkTable table = SparkTable.of(weighted, withWeight)) {
            GaussianMixture local = trainer.fit(rows, Nd4j.createFromArray(weights));
            GaussianMixture distributed = trainer.fitWeighted(table);
            assertSameFit(local, distributed);
            assertEquals(COLUMNS, distributed.provenance().columns());
        }
    }

    /** Rows with gaps (NaN, null cells) anywhere in the table take the observed-data EM on the cluster as on one machine. */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void rowsWithGapsTakeTheObservedDataEmThere(CovarianceType type) {
        double[][] values = rows.toDoubleMatrix();
        java.util.Random random = new java.util.Random(9);
        for (double[] row : values) {
            int gap = random.nextInt(8);                       // half the rows miss one of the four columns
            if (gap < 4) {
                row[gap] = Double.NaN;
            }
        }
        INDArray gappy = Nd4j.createFromArray(values);
        GaussianMixtureTrainer trainer = fromTheSameStart(type, gappy);
        try (SparkTable table = SparkTable.of(framed(spark, gappy), COLUMNS)) {
            GaussianMixture local = trainer.fit(gappy);
            GaussianMixture distributed = trainer.fit(table);
            assertSameFit(local, distributed);
            assertTrue(distributed.provenance().data().contains("with missing values"), distributed.provenance().data());
        }
    }

    @Test
    void theSameFitTwiceIsBitIdenticalOverManyPartitions() {
        GaussianMixtureTrainer trainer = fromTheSameStart(CovarianceType.FULL, rows);
        try (SparkTable table = SparkTable.of(frame.repartition(23), COLUMNS)) {
            GaussianMixture first = trainer.fit(table);
            GaussianMixture second = trainer.fit(table);
            assertArrayEquals(first.fitSummary().history(), second.fitSummary().history(), 0.0);
            assertArrayEquals(first.covariances().data().asDouble(), second.covariances().data().asDouble(), 0.0);
            assertArrayEquals(first.means().data().asDouble(), second.means().data().asDouble(), 0.0);
        }
    }

    @Test
    void aFitResumedFromACheckpointedStateEndsBitForBitWhereTheWholeFitEnds() {
        List<FitState<GaussianMixture>> states = new ArrayList<>();
        GaussianMixtureTrainer.Builder builder = GaussianMixtureTrainer.builder().components(3).seed(2).tol(0).maxIter(8);
        try (SparkTable table = SparkTable.of(frame, COLUMNS)) {
            GaussianMixture whole = builder.stateListener(states::add).build().fit(table);
            GaussianMixture resumed = builder.stateListener(null).build().resume(table, states.get(3));
            assertArrayEquals(whole.fitSummary().history(), resumed.fitSummary().history(), 0.0);
            assertArrayEquals(whole.covariances().data().asDouble(), resumed.covariances().data().asDouble(), 0.0);
        }
    }

    @Test
    void csvAndParquetFilesReadStraightIntoPartitions(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("rows.csv");
        StringBuilder text = new StringBuilder(String.join(",", COLUMNS) + "\n");
        for (double[] row : rows.toDoubleMatrix()) {
            text.append(row[0]).append(',').append(row[1]).append(',').append(row[2]).append(',').append(row[3]).append('\n');
        }
        Files.writeString(csv, text);
        GaussianMixtureTrainer trainer = fromTheSameStart(CovarianceType.FULL, rows);
        GaussianMixture local = trainer.fit(rows);
        try (SparkTable table = SparkTable.of(SparkSources.read(spark, csv.toUri().toString()), null)) {
            assertEquals(COLUMNS, table.columns());
            assertEquals(20_000, table.rows());
            assertSameFit(local, trainer.fit(table));
        }
        Path parquet = dir.resolve("rows-parquet");
        frame.write().parquet(parquet.toString());
        try (SparkTable table = SparkTable.of(SparkSources.read(spark, "parquet:" + parquet.toUri()), COLUMNS)) {
            assertSameFit(local, trainer.fit(table));
        }
    }

    @Test
    void aTableReadsItsSourceOnceToCacheAndCountItsRows() {
        LongAccumulator reads = spark.sparkContext().longAccumulator("rows read");
        spark.udf().register("counted", (UDF1<Double, Double>) value -> {
            reads.add(1);
            return value;
        }, DataTypes.DoubleType);
        String first = COLUMNS.get(0);
        Dataset<Row> source = frame.withColumn(first, functions.callUDF("counted", functions.col(first)));
        try (SparkTable table = SparkTable.of(source, COLUMNS)) {
            assertEquals(20_000, table.rows());
            assertEquals(20_000, reads.value(), "one read of the source caches and counts the rows");
            table.sample(1_000, 1);
            assertEquals(20_000, reads.value(), "the sample comes from the cached blocks");
        }
    }

    @Test
    void theInitialisationSampleIsDrawnFromTheCachedRowsTheSameWayEveryTime() {
        try (SparkTable table = SparkTable.of(frame, COLUMNS)) {
            INDArray all = table.sample(50_000, 1);
            assertBitIdentical(sortedRows(rows), sortedRows(all), "asked for more rows than there are: every row once");
            INDArray some = table.sample(2_000, 1);
            assertEquals(2_000, some.rows());
            assertBitIdentical(some, table.sample(2_000, 1), "the same seed, the same sample");
            assertFalse(Arrays.equals(sortedRows(some), sortedRows(table.sample(2_000, 2))), "another seed, another sample");
            Set<List<Double>> tableRows = new HashSet<>();
            for (double[] row : rows.toDoubleMatrix()) {
                tableRows.add(Arrays.stream(row).boxed().toList());
            }
            for (double[] row : some.toDoubleMatrix()) {
                assertTrue(tableRows.contains(Arrays.stream(row).boxed().toList()), "a sampled row is one of the table's");
            }
        }
    }

    private static double[] sortedRows(INDArray x) {
        double[][] rowsOf = x.toDoubleMatrix();
        Arrays.sort(rowsOf, Arrays::compare);
        return Arrays.stream(rowsOf).flatMapToDouble(Arrays::stream).toArray();
    }

    @Test
    void itsOwnInitialisationRunsOnASampleAndFits() {
        try (SparkTable table = SparkTable.of(frame, COLUMNS)) {
            GaussianMixture fitted = GaussianMixtureTrainer.builder().components(3).seed(3).build().fit(table);
            GaussianMixture local = GaussianMixtureTrainer.builder().components(3).seed(3).build().fit(rows);
            assertTrue(fitted.converged());
            assertEquals(local.lowerBound(), fitted.lowerBound(), 0.02, "both find the mixture the rows were drawn from");
            assertTrue(fitted.provenance().data().contains("20000 rows"), fitted.provenance().data());
        }
    }

    @Test
    void badTablesAreOneClearError(@TempDir Path dir) throws IOException {
        Gen4jException missing = assertThrows(Gen4jException.class, () -> SparkTable.of(frame, List.of("petal_area")));
        assertTrue(missing.getMessage().startsWith("no column 'petal_area'"), missing.getMessage());
        Path csv = dir.resolve("words.csv");
        Files.writeString(csv, "a,b\n1,x\n2,y\n");
        Gen4jException words = assertThrows(Gen4jException.class,
                () -> SparkTable.of(SparkSources.read(spark, csv.toString()), List.of("a", "b")));
        assertTrue(words.getMessage().contains("'b'") && words.getMessage().contains("not a number"), words.getMessage());
        Gen4jException nowhere = assertThrows(Gen4jException.class, () -> SparkSources.read(spark, dir.resolve("none.csv").toString()));
        assertTrue(nowhere.getMessage().startsWith("Spark cannot read"), nowhere.getMessage());
    }
}
