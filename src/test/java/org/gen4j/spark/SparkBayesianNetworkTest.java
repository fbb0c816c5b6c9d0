package org.gen4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.bayesnet.Networks;
import org.gen4j.bayesnet.estimators.ExpectationMaximization;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.core.Gen4jException;
import org.gen4j.bayesnet.structure.CountSource;
import org.gen4j.bayesnet.structure.Dag;
import org.gen4j.bayesnet.structure.HillClimbSearch;
import org.gen4j.bayesnet.structure.StructureScore;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bayesian-network parameter learning on Spark ({@code local[2]}, cases read from a CSV of state names into several
 * partitions): counts equal one machine's exactly, and EM with missing values and a latent variable retraces it;
 * weighted rows likewise.
 */
class SparkBayesianNetworkTest {
    private static SparkSession spark;
    private static final BayesianNetwork ASIA = Networks.load("asia");

    @BeforeAll
    static void start() {
        spark = SparkSessions.open("local[2]", false);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> csv(DiscreteTable table, Path dir) throws IOException {
        Path file = dir.resolve("cases.csv");
        Files.writeString(file, table.toCsv());
        return SparkSources.read(spark, file.toString()).repartition(3);
    }

    @Test
    void structureSearchOnSparkFindsTheSameNetworkWithOnePassPerStep(@TempDir Path dir) throws IOException {
        DiscreteTable rows = ASIA.sample(5_000, 2);
        try (SparkCases cases = SparkCases.of(csv(rows, dir), ASIA.variables())) {
            for (StructureScore.Kind kind : List.of(StructureScore.Kind.BIC, StructureScore.Kind.BDEU)) {
                HillClimbSearch search = HillClimbSearch.builder().maxParents(2).restarts(1).seed(4).build();
                Dag local = search.search(new StructureScore(kind, 10, rows));
                int[] passes = {0};
                CountSource partitioned = CountSource.of(cases);
                CountSource counted = new CountSource() {
                    @Override
                    public List<DiscreteVariable> variables() {
                        return partitioned.variables();
                    }

                    @Override
                    public long rows() {
                        return partitioned.rows();
                    }

                    @Override
                    public String describe() {
                        return partitioned.describe();
                    }

                    @Override
                    public List<double[][]> countTables(List<Family> families) {
                        passes[0]++;
                        return partitioned.countTables(families);
                    }
                };
                Dag onSpark = search.search(new StructureScore(kind, 10, counted));
                assertEquals(local.score(), onSpark.score(), 0.0, "integer counts add up exactly in any order");
                assertEquals(local.edges().stream().map(List::of).toList(), onSpark.edges().stream().map(List::of).toList());
                // one pass per search step (plus a few for the restart's totals), not one per family scored
                assertTrue(passes[0] < 40, passes[0] + " passes");
            }
        }
    }

    @Test
    void countsOnSparkEqualCountsOnOneMachine(@TempDir Path dir) throws IOException {
        DiscreteTable rows = ASIA.sample(20_000, 1);
        ParameterEstimator bdeu = ParameterEstimator.bdeu(10);
        BayesianNetwork local = bdeu.fit(ASIA, rows);
        try (SparkCases cases = SparkCases.of(csv(rows, dir), ASIA.variables())) {
            assertEquals(20_000, cases.rows());
            BayesianNetwork distributed = bdeu.fit(ASIA, cases);
            for (ConditionalProbabilityTable cpt : local.cpts()) {
                // whole-number counts add up exactly in any order
                assertBitIdentical(cpt.values(), distributed.cpt(cpt.child().name()).values(), cpt.child().name());
            }
        }
    }

    @Test
    void expectationMaximizationWithGapsAndALatentVariableRetracesOneMachine(@TempDir Path dir) throws IOException {
        INDArray codes = withGaps(ASIA.sample(6_000, 2), 3);
        List<DiscreteVariable> visible = ASIA.variables().stream().filter(v -> !v.name().equals("either")).toList();
        DiscreteTable gappy = new DiscreteTable(codes, ASIA.variables()).select(visible);
        ExpectationMaximization em = new ExpectationMaximization(ParameterEstimator.bdeu(1), 8, 0, 4);
        ExpectationMaximization.Result local = em.fit(ASIA, gappy);
        try (SparkCases cases = SparkCases.of(csv(gappy, dir), ASIA.variables())) {
            assertEquals(visible, cases.variables());
            assertRetraces(local, em.fit(ASIA, cases));
        }
    }

    @Test
    void aCellThatIsNotAStateIsOneClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "asia,smoke\nyes,no\nmaybe,yes\n");
        try (SparkCases cases = SparkCases.of(SparkSources.read(spark, file.toString()), ASIA.variables())) {
            Gen4jException e = assertThrows(Gen4jException.class, () -> new ExpectationMaximization(ParameterEstimator.bdeu(1), 2, 0, 1).fit(ASIA, cases));
            assertTrue(e.getMessage().startsWith("'maybe' is not a state of 'asia'"), e.getMessage());
        }
        Gen4jException none = assertThrows(Gen4jException.class,
                () -> SparkCases.of(SparkSources.read(spark, file.toString()).select("smoke").withColumnRenamed("smoke", "weather"), ASIA.variables()));
        assertTrue(none.getMessage().contains("no column named like a variable"), none.getMessage());
    }

    /** Weights that are sums of powers of two add up exactly in any order, so weighted counts can be compared bit for bit. */
    private static final double[] DYADIC = {0, 0.25, 0.5, 1, 2, 3.75};

    private static double[] weights(long n, long seed) {
        Random random = new Random(seed);
        double[] w = new double[(int) n];
        for (int i = 0; i < w.length; i++) {
            w[i] = DYADIC[random.nextInt(DYADIC.length)];
        }
        return w;
    }

    /** The table as a CSV with each row's weight in a last column {@code w}. */
    private static Dataset<Row> weightedCsv(DiscreteTable table, double[] w, Path dir) throws IOException {
        String[] lines = table.toCsv().split("\n");
        StringBuilder csv = new StringBuilder(lines[0] + ",w\n");
        for (int r = 1; r < lines.length; r++) {
            csv.append(lines[r]).append(',').append(w[r - 1]).append('\n');
        }
        Path file = dir.resolve("weighted.csv");
        Files.writeString(file, csv);
        return SparkSources.read(spark, file.toString()).repartition(3);
    }

    @Test
    void weightedCountsOnSparkEqualTheWeightedFitOnOneMachine(@TempDir Path dir) throws IOException {
        DiscreteTable rows = ASIA.sample(8_000, 5);
        double[] w = weights(rows.rows(), 6);
        ParameterEstimator bdeu = ParameterEstimator.bdeu(10);
        BayesianNetwork local = bdeu.fit(ASIA, rows.withWeights(w));
        try (SparkCases cases = SparkCases.of(weightedCsv(rows, w, dir), ASIA.variables(), "w")) {
            assertEquals(ASIA.variables(), cases.variables(), "the weight column is not a variable");
            assertEquals(8_000, cases.rows());
            assertEquals(rows.withWeights(w).totalWeight(), cases.totalWeight(), 0.0);
            BayesianNetwork distributed = bdeu.fit(ASIA, cases);
            for (ConditionalProbabilityTable cpt : local.cpts()) {
                assertBitIdentical(cpt.values(), distributed.cpt(cpt.child().name()).values(), cpt.child().name());
            }
        }
    }

    @Test
    void weightedExpectationMaximizationWithGapsRetracesOneMachine(@TempDir Path dir) throws IOException {
        DiscreteTable gappy = new DiscreteTable(withGaps(ASIA.sample(4_000, 7), 8), ASIA.variables());
        double[] w = weights(gappy.rows(), 9);
        ExpectationMaximization em = new ExpectationMaximization(ParameterEstimator.bdeu(1), 6, 0, 4);
        ExpectationMaximization.Result local = em.fit(ASIA, gappy.withWeights(w));
        try (SparkCases cases = SparkCases.of(weightedCsv(gappy, w, dir), ASIA.variables(), "w")) {
            assertRetraces(local, em.fit(ASIA, cases));
        }
    }

    @Test
    void weightedStructureSearchOnSparkFindsWhatOneMachineFinds(@TempDir Path dir) throws IOException {
        DiscreteTable rows = ASIA.sample(5_000, 10);
        double[] w = weights(rows.rows(), 11);
        HillClimbSearch search = HillClimbSearch.builder().maxParents(2).seed(4).build();
        Dag local = search.search(new StructureScore(StructureScore.Kind.BIC, 0, rows.withWeights(w)));
        try (SparkCases cases = SparkCases.of(weightedCsv(rows, w, dir), ASIA.variables(), "w")) {
            CountSource counts = CountSource.of(cases);
            assertEquals(rows.withWeights(w).totalWeight(), counts.sampleSize(), 0.0, "BIC's N is the total weight");
            Dag onSpark = search.search(new StructureScore(StructureScore.Kind.BIC, 0, counts));
            assertEquals(local.score(), onSpark.score(), 0.0, "dyadic weights add up exactly in any order");
            assertEquals(local.edges().stream().map(List::of).toList(), onSpark.edges().stream().map(List::of).toList());
        }
    }

    @Test
    void aBadWeightIsOneClearErrorBeforeAnyPass(@TempDir Path dir) throws IOException {
        for (String bad : List.of("-1", "", "lots", "Infinity")) {
            Path file = dir.resolve("bad.csv");
            Files.writeString(file, "asia,smoke,w\nyes,no,1\nno,yes," + bad + "\nno,no,2\n");
            Gen4jException e = assertThrows(Gen4jException.class,
                    () -> SparkCases.of(SparkSources.read(spark, file.toString()), ASIA.variables(), "w"), bad);
            assertTrue(e.getMessage().contains("1 row(s) of weight column 'w' hold no finite, non-negative number"), e.getMessage());
        }
        Path file = dir.resolve("fine.csv");
        Files.writeString(file, "asia,smoke,w\nyes,no,1\n");
        Gen4jException absent = assertThrows(Gen4jException.class,
                () -> SparkCases.of(SparkSources.read(spark, file.toString()), ASIA.variables(), "weight"));
        assertTrue(absent.getMessage().contains("no weight column 'weight'"), absent.getMessage());
        Gen4jException both = assertThrows(Gen4jException.class,
                () -> SparkCases.of(SparkSources.read(spark, file.toString()), ASIA.variables(), "smoke"));
        assertTrue(both.getMessage().contains("'smoke' is the weight column: it cannot be a variable too"), both.getMessage());
        try (SparkCases zero = SparkCases.of(weightedCsv(ASIA.sample(10, 1), new double[10], dir), ASIA.variables(), "w")) {
            Gen4jException none = assertThrows(Gen4jException.class, () -> ParameterEstimator.bdeu(1).fit(ASIA, zero));
            assertTrue(none.getMessage().contains("every weight is 0"), none.getMessage());
        }
    }

    /** The cases' codes in the network's order with 20 % of the cells missing at random. */
    private static INDArray withGaps(DiscreteTable cases, long seed) {
        INDArray codes = cases.reordered(ASIA.variables()).codes().dup();
        Random random = new Random(seed);
        for (int r = 0; r < codes.rows(); r++) {
            for (int j = 0; j < codes.columns(); j++) {
                if (random.nextDouble() < 0.2) {
                    codes.putScalar(r, j, Double.NaN);
                }
            }
        }
        return codes;
    }

    /** The same iterations, log-likelihoods and tables to 1e-9. */
    private static void assertRetraces(ExpectationMaximization.Result local, ExpectationMaximization.Result distributed) {
        double[] a = local.summary().history(), b = distributed.summary().history();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-9 * Math.abs(a[i]), "iteration " + (i + 1));
        }
        for (ConditionalProbabilityTable cpt : local.network().cpts()) {
            INDArray other = distributed.network().cpt(cpt.child().name()).values();
            assertEquals(0, cpt.values().sub(other).amaxNumber().doubleValue(), 1e-9, cpt.child().name());
        }
    }
}
