import org.gen4j.stats.CovarianceType;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.util.Arrays;

/**
 * gen4j side of the GMM benchmark: 50 EM iterations from the shared initial parameters; per covariance type the
 * first fit (cold) and then REPEATS fits (median, min, max), the peers' policy too. Prints one JSON line per covariance type. Run as a single-file program:
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
            long first = System.nanoTime();
            GaussianMixture gmm = trainer.fit(x);                     // the cold figure: this JVM's first fit of this type
            double cold = (System.nanoTime() - first) / 1e9;
            double[] seconds = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                gmm = trainer.fit(x);
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            double median = seconds[repeats / 2];
            System.out.printf("{\"impl\": \"gen4j\", \"covariance\": \"%s\", \"iterations\": %d, \"repeats\": %d, \"coldSeconds\": %.4f, "
                            + "\"seconds\": %.4f, \"minSeconds\": %.4f, \"maxSeconds\": %.4f, \"secondsPerIteration\": %.6f, "
                            + "\"meanLogLikelihood\": %.10f, \"threads\": %d}%n",
                    cov, gmm.nIter(), repeats, cold, median, seconds[0], seconds[repeats - 1], median / ITERATIONS, gmm.meanLogProb(x),
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
