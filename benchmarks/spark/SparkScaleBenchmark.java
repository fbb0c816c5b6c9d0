import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.spark.SparkSessions;
import org.gen4j.spark.SparkTable;
import org.gen4j.stats.CovarianceType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * gen4j's Spark EM as the data grows past what one JVM holds: ROWS x 16 rows drawn from an 8-component mixture are
 * generated inside the partitions (Spark SQL's rand/randn, nothing made on the driver), cached as gen4j's blocks
 * (memory and disk), and fitted (K = 8, full covariance, k-means++ on a 100,000-row sample, ITERATIONS iterations,
 * tolerance 0). benchmarks/spark/scale.sh submits it to a standalone cluster with a 1 GB driver. Prints one JSON line
 * per size: the seconds of each EM iteration, and the driver's heap.
 * SparkScaleBenchmark MASTER PARTITIONS ITERATIONS ROWS [ROWS...]     (MASTER: default under spark-submit)
 */
public class SparkScaleBenchmark {
    static final int D = 16, K = 8;

    public static void main(String[] args) {
        String master = args[0];
        int partitions = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        SparkSession spark = SparkSessions.open(master, false);
        for (int a = 3; a < args.length; a++) {
            long rows = Long.parseLong(args[a]);
            Dataset<Row> frame = generated(spark, rows, partitions);
            List<String> columns = Arrays.asList(frame.columns());
            List<Long> stamps = new ArrayList<>();
            GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(K).covariance(CovarianceType.FULL)
                    .tol(0).maxIter(iterations).seed(1).stateListener(state -> stamps.add(System.nanoTime())).build();
            long start = System.nanoTime();
            GaussianMixture fitted;
            long cached;
            try (SparkTable table = SparkTable.of(frame, columns)) {
                cached = System.nanoTime();
                fitted = trainer.fit(table);
            }
            long end = System.nanoTime();
            double[] perIteration = new double[stamps.size() - 1];
            for (int i = 1; i < stamps.size(); i++) {
                perIteration[i - 1] = (stamps.get(i) - stamps.get(i - 1)) / 1e9;
            }
            double[] sorted = perIteration.clone();
            Arrays.sort(sorted);
            System.out.printf("{\"rows\": %d, \"columns\": %d, \"components\": %d, \"partitions\": %d, \"master\": \"%s\", "
                            + "\"driverMaxHeapMB\": %d, \"generateAndCacheSeconds\": %.3f, \"fitSeconds\": %.3f, "
                            + "\"iterationSeconds\": %s, \"medianIterationSeconds\": %.4f, \"finalMeanLogLikelihood\": %.6f}%n",
                    rows, D, K, partitions, master, Runtime.getRuntime().maxMemory() >> 20, (cached - start) / 1e9,
                    (end - cached) / 1e9, Arrays.toString(perIteration), sorted[sorted.length / 2],
                    fitted.fitSummary().finalValue());
        }
        spark.stop();
    }

    /** ROWS rows of a K-component mixture, made in the partitions by Spark SQL expressions (seeded). */
    static Dataset<Row> generated(SparkSession spark, long rows, int partitions) {
        Random random = new Random(20261207);
        Column component = functions.floor(functions.rand(1).multiply(K));
        Column[] columns = new Column[D];
        for (int j = 0; j < D; j++) {
            Column[] means = new Column[K];
            for (int c = 0; c < K; c++) {
                means[c] = functions.lit(random.nextGaussian() * 4);
            }
            // a correlated component shape: column j leans on column 0's noise
            Column mean = functions.element_at(functions.array(means), component.cast("int").plus(1));
            columns[j] = mean.plus(functions.randn(100 + j)).plus(functions.randn(99).multiply(0.3 * (j % 3))).alias("x" + j);
        }
        return spark.range(0, rows, 1, partitions).select(columns);
    }
}
