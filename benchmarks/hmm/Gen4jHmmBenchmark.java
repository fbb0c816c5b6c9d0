import org.gen4j.data.SequenceBatch;
import org.gen4j.stats.CovarianceType;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.GaussianEmission;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.hmm.Viterbi;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * gen4j side of the HMM benchmark: 20 Baum-Welch iterations from the shared initial parameters, then forward
 * log-likelihood and Viterbi of every sequence; median of REPEATS after a warm-up. One JSON line per task.
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/hmm/Gen4jHmmBenchmark.java DATA_DIR [REPEATS]
 */
public class Gen4jHmmBenchmark {
    static final int ITERATIONS = 20;

    public static void main(String[] args) {
        File data = new File(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        INDArray x = Nd4j.createFromNpyFile(new File(data, "x.npy"));
        long[] lengths = Nd4j.createFromNpyFile(new File(data, "lengths.npy")).toLongVector();
        List<INDArray> sequences = new ArrayList<>();
        long offset = 0;
        for (long length : lengths) {
            sequences.add(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + length),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup());
            offset += length;
        }
        SequenceBatch batch = SequenceBatch.of(sequences);
        BaumWelch trainer = BaumWelch.builder().states(4)
                .startProb(Nd4j.createFromNpyFile(new File(data, "init_start.npy")))
                .transMat(Nd4j.createFromNpyFile(new File(data, "init_trans.npy")))
                .emission(GaussianEmission.of(CovarianceType.FULL, Nd4j.createFromNpyFile(new File(data, "init_means.npy")),
                        Nd4j.createFromNpyFile(new File(data, "init_covariances.npy"))))
                .tol(0).maxIter(ITERATIONS).build();

        HiddenMarkovModel model = timed(repeats, () -> trainer.fit(batch), "baum-welch");
        double fitted = model.logProb(batch).sumNumber().doubleValue();
        report("baum-welch", model.nIter(), times.get(0), fitted);
        double forward = timed(repeats, () -> model.logProb(batch).sumNumber().doubleValue(), "forward");
        report("forward", 0, times.get(1), forward);
        double viterbi = timed(repeats, () -> model.viterbi(batch).stream().mapToDouble(Viterbi.Path::logProbability).sum(), "viterbi");
        report("viterbi", 0, times.get(2), viterbi);
    }

    static final List<Double> times = new ArrayList<>();

    static void report(String task, int iterations, double seconds, double logLikelihood) {
        String perIteration = iterations > 0 ? String.format(", \"iterations\": %d, \"secondsPerIteration\": %.6f",
                iterations, seconds / iterations) : "";
        System.out.printf("{\"impl\": \"gen4j\", \"task\": \"%s\", \"seconds\": %.4f%s, \"logLikelihood\": %.6f}%n",
                task, seconds, perIteration, logLikelihood);
    }

    /** Median wall time of {@code repeats} runs after a warm-up, recorded in {@link #times}. */
    static <T> T timed(int repeats, Supplier<T> task, String name) {
        task.get();                                                        // warm-up
        double[] seconds = new double[repeats];
        T result = null;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            result = task.get();
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        times.add(seconds[repeats / 2]);
        return result;
    }
}
