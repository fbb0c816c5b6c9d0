import org.gen4j.stats.CovarianceType;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.util.Arrays;

/**
 * gen4j side of the GMM benchmark: 50 EM iterations from the shared initial parameters, median of REPEATS runs
 * after one warm-up run. Prints one JSON line per covariance type. Run as a single-file program:
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/gmm/Gen4jGmmBenchmark.java DATA_DIR [REPEATS]
 */
public class Gen4jGmmBenchmark {
    static final int ITERATIONS = 50;

    public static void main(String[] args) {
        String data = args[0];
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        INDArray x = Nd4j.createFromNpyFile(new File(data, "x.npy"));
        INDArray weights = Nd4j.createFromNpyFile(new File(data, "init_weights.npy"));
        INDArray means = Nd4j.createFromNpyFile(new File(data, "init_means.npy"));
        for (String cov : new String[]{"full", "diag"}) {
            INDArray precisions = Nd4j.createFromNpyFile(new File(data, "init_precisions_" + cov + ".npy"));
            GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components((int) means.rows())
                    .covariance(CovarianceType.parse(cov)).initialWeights(weights).initialMeans(means)
                    .initialPrecisions(precisions).tol(0).maxIter(ITERATIONS).regCovar(1e-6).build();
            trainer.toBuilder().maxIter(5).build().fit(x);            // warm-up: JIT and native libraries
            double[] seconds = new double[repeats];
            GaussianMixture gmm = null;
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                gmm = trainer.fit(x);
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            double median = seconds[repeats / 2];
            System.out.printf("{\"impl\": \"gen4j\", \"covariance\": \"%s\", \"iterations\": %d, \"seconds\": %.4f, "
                            + "\"secondsPerIteration\": %.6f, \"meanLogLikelihood\": %.10f, \"threads\": %s}%n",
                    cov, gmm.nIter(), median, median / ITERATIONS, gmm.meanLogProb(x),
                    Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads"));
        }
    }
}
