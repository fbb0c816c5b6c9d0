import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.clustering.GaussianMixtureModel;
import org.apache.spark.mllib.linalg.Matrices;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.stat.distribution.MultivariateGaussian;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gen4j.data.Table;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.spark.SparkSessions;
import org.gen4j.spark.SparkSources;
import org.gen4j.spark.SparkTable;
import org.gen4j.stats.CovarianceType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * gen4j on Spark against Spark MLlib's GaussianMixture (RDD API, which takes initial parameters), both in local[2]
 * on the same cached data (the GMM benchmark's 100k x 16, K = 8, full covariance) from the same initial parameters,
 * ITERATIONS EM iterations each (tolerance 0). Cold = the first fit in the JVM; warm = median of REPEATS after it.
 * Prints one JSON line per side, and the two final models' mean log-likelihoods on the data (scored by gen4j).
 * java -cp "target/gen4j.jar:target/lib/*:target/spark-lib/*:benchmarks/out/spark-mllib-lib/*" \
 *   benchmarks/spark/SparkGmmBenchmark.java DATA_DIR [REPEATS]
 */
public class SparkGmmBenchmark {
    static final int ITERATIONS = 10;

    public static void main(String[] args) {
        File data = new File(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        INDArray x = Nd4j.createFromNpyFile(new File(data, "x.npy"));
        INDArray weights = Nd4j.createFromNpyFile(new File(data, "init_weights.npy"));
        INDArray means = Nd4j.createFromNpyFile(new File(data, "init_means.npy"));
        INDArray precisions = Nd4j.createFromNpyFile(new File(data, "init_precisions_full.npy"));
        int k = (int) means.rows(), d = (int) means.columns();
        List<String> columns = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            columns.add("x" + j);
        }
        SparkSession spark = SparkSessions.open("local[2]", false);
        Dataset<Row> frame = SparkSources.of(spark, new Table(x, columns, null, "gmm benchmark")).repartition(2).cache();
        frame.count();

        // gen4j: no covariance regularisation, as MLlib has none
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(k).covariance(CovarianceType.FULL)
                .initialWeights(weights).initialMeans(means).initialPrecisions(precisions).tol(0).maxIter(ITERATIONS)
                .regCovar(0).build();
        double[] gen4jSeconds = new double[repeats + 1];
        GaussianMixture gen4j = null;
        try (SparkTable table = SparkTable.of(frame, columns)) {
            for (int r = 0; r <= repeats; r++) {
                long start = System.nanoTime();
                gen4j = trainer.fit(table);
                gen4jSeconds[r] = (System.nanoTime() - start) / 1e9;
            }
        }

        // MLlib: the same start (covariances = inverse precisions), no tolerance, the same iterations
        MultivariateGaussian[] gaussians = new MultivariateGaussian[k];
        for (int c = 0; c < k; c++) {
            INDArray covariance = InvertMatrix.invert(precisions.slice(c).dup(), false);
            gaussians[c] = new MultivariateGaussian(Vectors.dense(means.getRow(c).toDoubleVector()),
                    Matrices.dense(d, d, covariance.dup('f').data().asDouble()));
        }
        GaussianMixtureModel start = new GaussianMixtureModel(weights.toDoubleVector(), gaussians);
        JavaRDD<Vector> vectors = frame.javaRDD().map(row -> {
            double[] v = new double[row.length()];
            for (int j = 0; j < v.length; j++) {
                v[j] = row.getDouble(j);
            }
            return Vectors.dense(v);
        }).cache();
        vectors.count();
        double[] mllibSeconds = new double[repeats + 1];
        GaussianMixtureModel mllib = null;
        for (int r = 0; r <= repeats; r++) {
            long begin = System.nanoTime();
            mllib = new org.apache.spark.mllib.clustering.GaussianMixture().setK(k).setInitialModel(start)
                    .setMaxIterations(ITERATIONS).setConvergenceTol(0).run(vectors.rdd());
            mllibSeconds[r] = (System.nanoTime() - begin) / 1e9;
        }
        INDArray mllibMeans = Nd4j.create(k, d);
        INDArray mllibCovariances = Nd4j.create(k, d, d);
        for (int c = 0; c < k; c++) {
            mllibMeans.putRow(c, Nd4j.createFromArray(mllib.gaussians()[c].mu().toArray()));
            mllibCovariances.putSlice(c, Nd4j.createFromArray(mllib.gaussians()[c].sigma().toArray()).reshape('f', d, d));
        }
        double mllibLogLikelihood = GaussianMixture.of(CovarianceType.FULL, Nd4j.createFromArray(mllib.weights()), mllibMeans,
                mllibCovariances).meanLogProb(x);
        spark.stop();

        String threads = System.getProperty("gen4j.threads", "default");
        print("gen4j-spark", gen4jSeconds, gen4j.meanLogProb(x), threads);
        print("spark-mllib", mllibSeconds, mllibLogLikelihood, threads);
    }

    static void print(String impl, double[] seconds, double meanLogLikelihood, String threads) {
        double cold = seconds[0];
        double[] warm = Arrays.copyOfRange(seconds, 1, seconds.length);
        Arrays.sort(warm);
        System.out.printf("{\"impl\": \"%s\", \"master\": \"local[2]\", \"covariance\": \"full\", \"iterations\": %d, "
                        + "\"coldSeconds\": %.4f, \"warmSecondsMedian\": %.4f, \"warmSecondsMin\": %.4f, \"warmSecondsMax\": %.4f, "
                        + "\"warmSecondsPerIteration\": %.6f, \"meanLogLikelihood\": %.10f, \"gen4jThreadsPerTask\": \"%s\"}%n",
                impl, ITERATIONS, cold, warm[warm.length / 2], warm[0], warm[warm.length - 1],
                warm[warm.length / 2] / ITERATIONS, meanLogLikelihood, threads);
    }
}
