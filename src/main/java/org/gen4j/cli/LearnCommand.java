package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.bayesnet.readwrite.BifWriter;
import org.gen4j.bayesnet.structure.ChowLiu;
import org.gen4j.bayesnet.structure.CountSource;
import org.gen4j.spark.SparkFits;
import org.gen4j.bayesnet.structure.Dag;
import org.gen4j.bayesnet.structure.HillClimbSearch;
import org.gen4j.bayesnet.structure.StructureComparison;
import org.gen4j.bayesnet.structure.StructureScore;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.DiscreteTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code gen4j learn}: a Bayesian network's structure and tables from a CSV of states. */
@Command(name = "learn", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Learn a Bayesian network (structure and tables) from a CSV of states.")
final class LearnCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    CasesData data;

    @Option(names = "--structure", paramLabel = "METHOD",
            description = "chow-liu or hill-climb (default: ${DEFAULT-VALUE}).")
    String structure;

    @Option(names = "--score", paramLabel = "SCORE",
            description = "For hill-climb: bic, aic, k2 or bdeu (default: ${DEFAULT-VALUE}).")
    String score;

    @Option(names = "--ess", paramLabel = "X",
            description = "Equivalent sample size for bdeu scores and tables (default: ${DEFAULT-VALUE}).")
    double ess;

    @Option(names = "--max-parents", paramLabel = "N", description = "Maximum in-degree (default: ${DEFAULT-VALUE}).")
    int maxParents;

    @Option(names = "--restarts", paramLabel = "N", description = "Random restarts of the search (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Mixin
    RandomSeed seed;

    @Option(names = "--estimator", paramLabel = "NAME",
            description = "Tables: mle, bdeu or k2 (default: ${DEFAULT-VALUE}).")
    String estimator;

    @Option(names = "--reference", paramLabel = "NET",
            description = "A known network to compare with (structural Hamming distance, edge precision and recall).")
    String reference;

    @Mixin
    NetworkOutput out;

    @Option(names = "--json", description = "Print JSON: edges, score, and the comparison with --reference.")
    boolean json;

    @Mixin
    SparkOption spark;

    @Override
    public void run() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("structure", structure);
        settings.put("scoreFunction", structure.equals("chow-liu") ? "mutual information" : score);
        settings.put("maxParents", maxParents);
        ParameterEstimator tables = ParameterEstimator.parse(estimator, ess);
        long start = System.nanoTime();
        Learned learned = spark.requested() ? SparkOption.run(() -> {
            SparkFits.Learned onSpark = SparkFits.learn(spark.master(), data.source(), data.weightColumn(), this::search, tables, settings);
            return new Learned(onSpark.network(), onSpark.dag(), onSpark.rows(), onSpark.logLikelihood() / onSpark.sampleSize());
        }) : learnHere(tables, settings);
        double seconds = (System.nanoTime() - start) / 1e9;
        BayesianNetwork network = learned.network();
        Dag dag = learned.dag();
        if (out.path().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".bif")) {
            BifWriter.write(network, out.path());
        } else {
            ModelIO.save(network, out.path());
        }
        StructureComparison comparison = reference == null ? null
                : StructureComparison.of(dag.edges(), ModelInputs.capability(ModelInputs.load(reference),
                BayesianNetwork.class, "serve as a reference").edges());
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JsonOutput.object();
            ArrayNode edges = root.putArray("edges");
            for (String[] e : dag.edges()) {
                edges.addArray().add(e[0]).add(e[1]);
            }
            root.put("score", dag.score());
            root.put("meanLogLikelihood", learned.meanLogLikelihood());
            root.put("learnSeconds", seconds);
            if (comparison != null) {
                root.put("structuralHammingDistance", comparison.structuralHammingDistance());
                root.put("edgePrecision", comparison.skeletonPrecision());
                root.put("edgeRecall", comparison.skeletonRecall());
            }
            printer.println(JsonOutput.write(root));
            return;
        }
        printer.print(network);
        printer.printf("learned from %d rows in %.2f s; score %.3f; saved to %s%n", learned.rows(), seconds, dag.score(), out.path());
        if (comparison != null) {
            printer.printf("vs reference: SHD %d (missing %d, extra %d, reversed %d), edge precision %.2f, recall %.2f%n",
                    comparison.structuralHammingDistance(), comparison.missing(), comparison.extra(), comparison.reversed(),
                    comparison.skeletonPrecision(), comparison.skeletonRecall());
        }
    }

    /** The structure: a Chow–Liu tree or hill climbing on the score, over counts held anywhere. */
    private Dag search(CountSource counts) {
        return switch (structure) {
            case "chow-liu" -> ChowLiu.learn(counts, 0);
            case "hill-climb" -> HillClimbSearch.builder().maxParents(maxParents).restarts(restarts).seed(seed.value()).build()
                    .search(new StructureScore(StructureScore.parse(score), ess, counts));
            default -> throw new Gen4jException("unknown --structure '" + structure + "' (expected chow-liu or hill-climb)");
        };
    }

    /** On this machine, as before Spark: Chow–Liu from the rows themselves (ND4J's products), tables from the rows. */
    private Learned learnHere(ParameterEstimator tables, Map<String, Object> settings) {
        DiscreteTable rows = data.read(null);
        Dag dag = structure.equals("chow-liu") ? ChowLiu.learn(rows, 0) : search(CountSource.of(rows));
        BayesianNetwork network = dag.fit(rows, tables, settings);
        double[] logProb = network.logProb(rows).toDoubleVector();
        double total = 0;
        for (int r = 0; r < logProb.length; r++) {
            total += rows.weight(r) * logProb[r];
        }
        return new Learned(network, dag, rows.rows(), total / rows.totalWeight());
    }

    /** What was learned, here or on Spark (a record of its own: the Spark classes load only with --spark). */
    private record Learned(BayesianNetwork network, Dag dag, long rows, double meanLogLikelihood) {
    }
}
