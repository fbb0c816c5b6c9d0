import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * gen4j on Spark against Spark MLlib's GaussianMixture (RDD API, which takes initial parameters), both in local[2]
 * on the same cached data (the GMM benchmark's 100k x 16, K = 8, full covariance) from the same initial parameters,
 * ITERATIONS EM iterations each (tolerance 0). Each side runs in its own JVM, so that "cold" (the first fit in a fresh
 * JVM and Spark session, as a user runs it) is cold for both; warm = median of REPEATS fits after it.
 * Prints one JSON line: the timings and the final model's mean log-likelihood on the data (scored by gen4j for both).
 * java -cp "target/gen4j.jar:target/lib/*:target/spark-lib/*:benchmarks/out/spark-mllib-lib/*" \
 *   benchmarks/spark/SparkGmmBenchmark.java DATA_DIR gen4j|mllib [REPEATS] [rough|refined]
 */
public class SparkGmmBenchmark {
    static final int ITERATIONS = Integer.getInteger("bench.iterations", 10);
    static final int COLUMNS = Integer.getInteger("bench.columns", 16);
    static String START;

    public static void main(String[] args) {
        File data = new File(args[0]);
        boolean mllibSide = args[1].equals("mllib");
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean refined = args.length > 3 && args[3].equals("refined");
        INDArray x = Nd4j.createFromNpyFile(new File(data, "x.npy"));
        INDArray weights = Nd4j.createFromNpyFile(new File(data, "init_weights.npy"));
        INDArray means = Nd4j.createFromNpyFile(new File(data, "init_means.npy"));
        INDArray precisions = Nd4j.createFromNpyFile(new File(data, "init_precisions_full.npy"));
        int k = (int) means.rows(), d = (int) means.columns();
        if (COLUMNS < d) {
            // fewer dimensions (-Dbench.columns): the first COLUMNS columns, and a start of their own (one EM
            // iteration from k-means++), since the workload's start is 16-dimensional
            d = COLUMNS;
            x = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup();
            GaussianMixture start = GaussianMixtureTrainer.builder().components(k).covariance(CovarianceType.FULL).seed(1)
                    .maxIter(1).regCovar(0).build().fit(x);
            weights = start.weights();
            means = start.means();
            precisions = start.precisions();
        }
        if (refined) {
            // "refined": the parameters after 3 EM iterations (gen4j, one machine) from the rough start, where no row's
            // densities underflow MLlib's arithmetic, so both sides must trace the same EM
            GaussianMixture early = GaussianMixtureTrainer.builder().components(k).covariance(CovarianceType.FULL)
                    .initialWeights(weights).initialMeans(means).initialPrecisions(precisions).tol(0).maxIter(3)
                    .regCovar(0).build().fit(x);
            weights = early.weights();
            means = early.means();
            precisions = early.precisions();
        }
        START = refined ? "refined" : "rough";
        List<String> columns = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            columns.add("x" + j);
        }
        SparkSession spark = SparkSessions.open("local[2]", false);

        // gen4j: no covariance regularisation, as MLlib has none
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(k).covariance(CovarianceType.FULL)
                .initialWeights(weights).initialMeans(means).initialPrecisions(precisions).tol(0).maxIter(ITERATIONS)
                .regCovar(0).build();
        String threads = System.getProperty("gen4j.threads", "default");
        if (!mllibSide) {
            Dataset<Row> frame = SparkSources.of(spark, new Table(x, columns, null, "gmm benchmark")).repartition(2).cache();
            frame.count();
            double[] gen4jSeconds = new double[repeats + 1];
            double[] gen4jLogLikelihoods = new double[repeats + 1];
            try (SparkTable table = SparkTable.of(frame, columns)) {
                for (int r = 0; r <= repeats; r++) {
                    long start = System.nanoTime();
                    GaussianMixture gen4j = trainer.fit(table);
                    gen4jSeconds[r] = (System.nanoTime() - start) / 1e9;
                    gen4jLogLikelihoods[r] = gen4j.meanLogProb(x);
                }
            }
            spark.stop();
            print("gen4j-spark", gen4jSeconds, gen4jLogLikelihoods, threads);
            return;
        }

        // MLlib: the same start (covariances = inverse precisions), no tolerance, the same iterations
        MultivariateGaussian[] gaussians = new MultivariateGaussian[k];
        for (int c = 0; c < k; c++) {
            // ND4J's matrix_inverse refuses a well-conditioned matrix whose determinant underflows its check; LU does not
            double[][] covariance = new LUDecomposition(new Array2DRowRealMatrix(precisions.slice(c).toDoubleMatrix()))
                    .getSolver().getInverse().getData();
            double[] columnMajor = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    columnMajor[j * d + i] = covariance[i][j];
                }
            }
            gaussians[c] = new MultivariateGaussian(Vectors.dense(means.getRow(c).toDoubleVector()),
                    Matrices.dense(d, d, columnMajor));
        }
        GaussianMixtureModel start = new GaussianMixtureModel(weights.toDoubleVector(), gaussians);
        System.err.println("start: mean log-likelihood " + meanLogLikelihood(start, x) + " as MLlib receives it");
        // parallelised from the driver: a lambda would not deserialise from a source-launched class
        List<Vector> rows = new ArrayList<>();
        for (double[] row : x.toDoubleMatrix()) {
            rows.add(Vectors.dense(row));
        }
        JavaRDD<Vector> vectors = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2).cache();
        vectors.count();
        double[] mllibSeconds = new double[repeats + 1];
        double[] mllibLogLikelihoods = new double[repeats + 1];
        for (int r = 0; r <= repeats; r++) {
            // a new start every fit: MLlib's EM writes its updated Gaussians into the initial model's array, so reusing
            // one start made every repeat continue from where the previous fit ended
            GaussianMixtureModel fresh = new GaussianMixtureModel(start.weights().clone(), start.gaussians().clone());
            long begin = System.nanoTime();
            GaussianMixtureModel mllib = new org.apache.spark.mllib.clustering.GaussianMixture().setK(k).setInitialModel(fresh)
                    .setMaxIterations(ITERATIONS).setConvergenceTol(0).run(vectors.rdd());
            mllibSeconds[r] = (System.nanoTime() - begin) / 1e9;
            mllibLogLikelihoods[r] = meanLogLikelihood(mllib, x);
        }
        spark.stop();
        print("spark-mllib", mllibSeconds, mllibLogLikelihoods, threads);
    }

    /** An MLlib model's mean log-likelihood on x, scored by gen4j (in log space) so that both sides are scored alike. */
    static double meanLogLikelihood(GaussianMixtureModel model, INDArray x) {
        int k = model.k(), d = (int) x.columns();
        INDArray means = Nd4j.create(DataType.DOUBLE, k, d);
        INDArray covariances = Nd4j.create(DataType.DOUBLE, k, d, d);
        for (int c = 0; c < k; c++) {
            means.putRow(c, Nd4j.createFromArray(model.gaussians()[c].mu().toArray()));
            covariances.putSlice(c, Nd4j.createFromArray(model.gaussians()[c].sigma().toArray()).reshape('f', d, d));
        }
        return GaussianMixture.of(CovarianceType.FULL, Nd4j.createFromArray(model.weights()), means, covariances).meanLogProb(x);
    }

    /** Every repeat's final log-likelihood is printed: equal values show every repeat did the same iterations. */
    static void print(String impl, double[] seconds, double[] meanLogLikelihoods, String threads) {
        double cold = seconds[0];
        double[] warm = Arrays.copyOfRange(seconds, 1, seconds.length);
        Arrays.sort(warm);
        System.out.printf("{\"impl\": \"%s\", \"start\": \"%s\", \"columns\": %d, \"master\": \"local[2]\", \"covariance\": \"full\", \"iterations\": %d, "
                        + "\"coldSeconds\": %.4f, \"warmSecondsMedian\": %.4f, \"warmSecondsMin\": %.4f, \"warmSecondsMax\": %.4f, "
                        + "\"warmSecondsPerIteration\": %.6f, \"meanLogLikelihoodPerFit\": %s, \"gen4jThreadsPerTask\": \"%s\"}%n",
                impl, START, COLUMNS, ITERATIONS, cold, warm[warm.length / 2], warm[0], warm[warm.length - 1],
                warm[warm.length / 2] / ITERATIONS, Arrays.toString(meanLogLikelihoods), threads);
    }
}
