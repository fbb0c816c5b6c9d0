package org.gen4j.bayesnet;

import org.gen4j.bayesnet.estimators.ExpectationMaximization;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.structure.ChowLiu;
import org.gen4j.bayesnet.structure.CountSource;
import org.gen4j.bayesnet.structure.Dag;
import org.gen4j.bayesnet.structure.HillClimbSearch;
import org.gen4j.bayesnet.structure.StructureScore;
import org.gen4j.cli.Gen4j;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Row weights in Bayesian-network learning: the defining property is that a weight of k equals the row k times. */
class WeightedCasesTest {
    private static final BayesianNetwork ASIA = TestNetworks.load("asia");

    /** Cases, random integer weights 0..3, and the same cases each written out weight-many times. */
    private record Weighted(DiscreteTable weighted, DiscreteTable repeated) {
    }

    private static Weighted cases(DiscreteTable rows, long seed) {
        Random random = new Random(seed);
        double[][] codes = rows.codes().toDoubleMatrix();
        double[] weights = new double[codes.length];
        List<double[]> repeated = new ArrayList<>();
        for (int r = 0; r < codes.length; r++) {
            weights[r] = random.nextInt(4);
            for (int k = 0; k < weights[r]; k++) {
                repeated.add(codes[r]);
            }
        }
        return new Weighted(new DiscreteTable(Nd4j.createFromArray(codes), rows.variables(), weights),
                new DiscreteTable(Nd4j.createFromArray(repeated.toArray(new double[0][])), rows.variables()));
    }

    @Test
    void integerWeightsEqualRepeatedRowsInParameterLearning() {
        Weighted cases = cases(ASIA.sample(2000, 3), 1);
        for (ParameterEstimator estimator : List.of(ParameterEstimator.maximumLikelihood(), ParameterEstimator.bdeu(10), ParameterEstimator.k2())) {
            assertSameTables(estimator.fit(ASIA, cases.repeated()), estimator.fit(ASIA, cases.weighted()));
        }
        BayesianNetwork unweighted = ParameterEstimator.maximumLikelihood().fit(ASIA, cases.weighted().withWeights(null));
        assertFalse(Arrays.equals(values(unweighted, "dysp"), values(ParameterEstimator.maximumLikelihood().fit(ASIA, cases.weighted()), "dysp")),
                "the weights change the tables");
    }

    @Test
    void integerWeightsEqualRepeatedRowsInExpectationMaximization() {
        DiscreteTable sampled = ASIA.sample(400, 4);
        double[][] codes = sampled.codes().toDoubleMatrix();
        Random random = new Random(2);
        for (double[] row : codes) {
            for (int j = 0; j < row.length; j++) {
                if (random.nextDouble() < 0.2) {
                    row[j] = Double.NaN;                 // 20 % missing at random
                }
            }
        }
        Weighted cases = cases(new DiscreteTable(Nd4j.createFromArray(codes), sampled.variables()), 5);
        ExpectationMaximization em = new ExpectationMaximization(ParameterEstimator.bdeu(1), 8, 0, 7);
        ExpectationMaximization.Result fromRepeated = em.fit(ASIA, cases.repeated());
        ExpectationMaximization.Result fromWeighted = em.fit(ASIA, cases.weighted());
        assertSameTables(fromRepeated.network(), fromWeighted.network());
        assertEquals(Double.doubleToLongBits(fromRepeated.summary().finalValue()), Double.doubleToLongBits(fromWeighted.summary().finalValue()));
    }

    @Test
    void integerWeightsEqualRepeatedRowsInStructureLearning() {
        Weighted cases = cases(ASIA.sample(3000, 6), 8);
        for (StructureScore.Kind kind : StructureScore.Kind.values()) {
            HillClimbSearch search = HillClimbSearch.builder().maxParents(3).restarts(2).seed(1).build();
            Dag repeated = search.search(new StructureScore(kind, 5, CountSource.of(cases.repeated())));
            Dag weighted = search.search(new StructureScore(kind, 5, CountSource.of(cases.weighted())));
            assertEquals(edges(repeated), edges(weighted), kind.name());
            assertEquals(Double.doubleToLongBits(repeated.score()), Double.doubleToLongBits(weighted.score()), kind.name());
        }
        assertEquals(edges(ChowLiu.learn(CountSource.of(cases.repeated()), 0)), edges(ChowLiu.learn(cases.weighted(), 0)));
    }

    @Test
    void zeroWeightsEqualDroppingTheRows() {
        DiscreteTable rows = ASIA.sample(1000, 9);
        double[] weights = new double[1000];
        Arrays.fill(weights, 0, 600, 1.0);
        INDArray kept = rows.codes().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 600), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertSameTables(ParameterEstimator.bdeu(1).fit(ASIA, new DiscreteTable(kept, rows.variables())),
                ParameterEstimator.bdeu(1).fit(ASIA, rows.withWeights(weights)));
    }

    @Test
    void badWeightsAreClearErrors() {
        DiscreteTable rows = ASIA.sample(3, 1);
        assertTrue(assertThrows(Gen4jException.class, () -> rows.withWeights(new double[]{1, -1, 1})).getMessage()
                .contains("row 1 has the weight -1.0"));
        assertTrue(assertThrows(Gen4jException.class, () -> rows.withWeights(new double[]{1, Double.NaN, 1})).getMessage()
                .contains("row 1 has the weight NaN"));
        assertTrue(assertThrows(Gen4jException.class, () -> rows.withWeights(new double[]{1, 1})).getMessage()
                .contains("2 weights for 3 rows"));
        assertTrue(assertThrows(Gen4jException.class, () -> ParameterEstimator.bdeu(1).fit(ASIA, rows.withWeights(new double[3])))
                .getMessage().contains("every weight is 0"));
    }

    /** {@code fit bn --weight-column w} on a file equals the file with each row written out w times. */
    @Test
    void theWeightColumnOfACsvEqualsRepeatedLines(@TempDir Path dir) throws Exception {
        DiscreteTable rows = ASIA.sample(400, 2);
        String[] lines = rows.toCsv().split("\n");
        StringBuilder weightedCsv = new StringBuilder(lines[0] + ",w\n");
        StringBuilder repeatedCsv = new StringBuilder(lines[0] + "\n");
        for (int r = 1; r < lines.length; r++) {
            int w = r % 3;
            weightedCsv.append(lines[r]).append(',').append(w).append('\n');
            repeatedCsv.append((lines[r] + "\n").repeat(w));
        }
        Files.writeString(dir.resolve("weighted.csv"), weightedCsv);
        Files.writeString(dir.resolve("repeated.csv"), repeatedCsv);
        assertEquals(0, run("fit", "bn", "--model", "asia", "--data", dir.resolve("weighted.csv").toString(), "--weight-column", "w",
                "--out", dir.resolve("weighted.bif").toString()));
        assertEquals(0, run("fit", "bn", "--model", "asia", "--data", dir.resolve("repeated.csv").toString(),
                "--out", dir.resolve("repeated.bif").toString()));
        assertEquals(Files.readString(dir.resolve("repeated.bif")), Files.readString(dir.resolve("weighted.bif")));

        Files.writeString(dir.resolve("bad.csv"), lines[0] + ",w\n" + lines[1] + ",lots\n");
        StringWriter err = new StringWriter();
        assertEquals(2, Gen4j.execute(new String[]{"fit", "bn", "--model", "asia", "--data", dir.resolve("bad.csv").toString(),
                "--weight-column", "w", "--out", dir.resolve("bad.bif").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err)));
        assertTrue(err.toString().contains("line 2 has the weight 'lots'"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    private static int run(String... args) {
        StringWriter err = new StringWriter();
        int code = Gen4j.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return code;
    }

    private static List<String> edges(Dag dag) {
        return dag.edges().stream().map(e -> e[0] + "->" + e[1]).sorted().toList();
    }

    private static void assertSameTables(BayesianNetwork expected, BayesianNetwork actual) {
        for (DiscreteVariable v : expected.variables()) {
            assertArrayEquals(values(expected, v.name()), values(actual, v.name()), "the table of " + v.name() + ", bit for bit");
        }
    }

    /** A table's values as bits, so that equality is exact. */
    private static long[] values(BayesianNetwork network, String name) {
        return Arrays.stream(network.cpt(name).values().dup('c').data().asDouble()).mapToLong(Double::doubleToLongBits).toArray();
    }
}
