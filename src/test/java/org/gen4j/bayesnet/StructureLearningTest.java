package org.gen4j.bayesnet;

import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.structure.ChowLiu;
import org.gen4j.bayesnet.structure.Dag;
import org.gen4j.bayesnet.structure.HillClimbSearch;
import org.gen4j.bayesnet.structure.StructureComparison;
import org.gen4j.bayesnet.structure.StructureScore;
import org.gen4j.data.DiscreteTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructureLearningTest {

    /** cancer and earthquake have tree skeletons: Chow–Liu must find them exactly from enough samples. */
    @Test
    void chowLiuRecoversTreeSkeletons() {
        for (String name : List.of("cancer", "earthquake")) {
            BayesianNetwork truth = TestNetworks.load(name);
            DiscreteTable rows = truth.sample(20_000, 1);
            Dag tree = ChowLiu.learn(rows, 0);
            StructureComparison c = StructureComparison.of(tree.edges(), truth.edges());
            assertEquals(1.0, c.skeletonRecall(), name + ": " + c);
            assertEquals(1.0, c.skeletonPrecision(), name + ": " + c);
        }
    }

    @Test
    void hillClimbingFindsMostOfSurveyAndAsia() {
        for (String name : List.of("survey", "asia")) {
            BayesianNetwork truth = TestNetworks.load(name);
            DiscreteTable rows = truth.sample(20_000, 2);
            StructureScore bic = new StructureScore(StructureScore.Kind.BIC, 0, rows);
            Dag learned = HillClimbSearch.builder().maxParents(3).restarts(2).seed(1).build().search(bic);
            StructureComparison c = StructureComparison.of(learned.edges(), truth.edges());
            assertTrue(c.skeletonRecall() >= 0.75 && c.skeletonPrecision() >= 0.75, name + ": " + c);
            // the search's structure scores at least as well as the true one on its own data
            List<int[]> trueParents = truth.variables().stream().map(v -> truth.cpt(v.name()).parents().stream()
                    .mapToInt(p -> rows.columnOf(p.name())).toArray()).toList();
            List<int[]> inDataOrder = new java.util.ArrayList<>();
            for (int j = 0; j < rows.variables().size(); j++) {
                inDataOrder.add(trueParents.get(truth.variables().indexOf(rows.variables().get(j))));
            }
            assertTrue(learned.score() >= bic.total(inDataOrder) - 1e-6, name + ": learned " + learned.score()
                    + " vs true " + bic.total(inDataOrder));
        }
    }

    @Test
    void familyScoresMatchTheirFormulas() {
        BayesianNetwork cancer = TestNetworks.load("cancer");
        DiscreteTable rows = cancer.sample(500, 4);
        int xray = rows.columnOf("Xray");
        int cancerVar = rows.columnOf("Cancer");
        double[][] n = ParameterEstimator.counts(cancer.variable("Xray"), List.of(cancer.variable("Cancer")), rows).toDoubleMatrix();
        double ll = 0;
        for (double[] row : n) {
            double total = row[0] + row[1];
            for (double c : row) {
                ll += c > 0 ? c * Math.log(c / total) : 0;
            }
        }
        assertEquals(ll - 0.5 * Math.log(500) * 2, new StructureScore(StructureScore.Kind.BIC, 0, rows)
                .family(xray, new int[]{cancerVar}), 1e-9);
        assertEquals(ll - 2, new StructureScore(StructureScore.Kind.AIC, 0, rows).family(xray, new int[]{cancerVar}), 1e-9);
        // K2 for one row of counts (a, b): log[ Γ(2) / Γ(a + b + 2) · Γ(a + 1) Γ(b + 1) ] = log[ a! b! / (a + b + 1)! ]
        double k2 = 0;
        for (double[] row : n) {
            k2 += logFactorial(row[0]) + logFactorial(row[1]) - logFactorial(row[0] + row[1] + 1);
        }
        assertEquals(k2, new StructureScore(StructureScore.Kind.K2, 0, rows).family(xray, new int[]{cancerVar}), 1e-6);
    }

    private static double logFactorial(double n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }

    @Test
    void requiredAndForbiddenEdgesAreHonoured() {
        BayesianNetwork truth = TestNetworks.load("cancer");
        DiscreteTable rows = truth.sample(5_000, 3);
        int smoker = rows.columnOf("Smoker");
        int cancer = rows.columnOf("Cancer");
        int xray = rows.columnOf("Xray");
        StructureScore bic = new StructureScore(StructureScore.Kind.BIC, 0, rows);
        Dag dag = HillClimbSearch.builder().forbid(cancer, xray).forbid(xray, cancer).require(xray, smoker).build().search(bic);
        List<String> edges = dag.edges().stream().map(e -> e[0] + "->" + e[1]).toList();
        assertTrue(edges.contains("Xray->Smoker"), edges.toString());
        assertTrue(!edges.contains("Cancer->Xray") && !edges.contains("Xray->Cancer"), edges.toString());
        BayesianNetwork fitted = dag.fit(rows, ParameterEstimator.bdeu(10), Map.of("search", "hill-climb"));
        assertEquals(5, fitted.variables().size());
    }
}
