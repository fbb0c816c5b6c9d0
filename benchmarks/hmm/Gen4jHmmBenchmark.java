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
 * log-likelihood and Viterbi of every sequence. The policy is the peer's (pomegranate_hmm.py): each task once as
 * the cold figure (the first call in this JVM), then REPEATS times (median, min, max). Threads: the cores the JVM
 * sees (run.sh starts it with -XX:ActiveProcessorCount=N and caps the native BLAS at N). One JSON line per task.
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/hmm/Gen4jHmmBenchmark.java DATA_DIR REPEATS
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

        HiddenMarkovModel model = timed(repeats, () -> trainer.fit(batch));
        report("baum-welch", model.nIter(), model.logProb(batch).sumNumber().doubleValue(), repeats);
        double forward = timed(repeats, () -> model.logProb(batch).sumNumber().doubleValue());
        report("forward", 0, forward, repeats);
        double viterbi = timed(repeats, () -> model.viterbi(batch).stream().mapToDouble(Viterbi.Path::logProbability).sum());
        report("viterbi", 0, viterbi, repeats);
    }

    /** The last task's times: the first call, then the repeats sorted. */
    static double cold;
    static double[] warm;

    static void report(String task, int iterations, double logLikelihood, int repeats) {
        double median = warm[repeats / 2];
        String perIteration = iterations > 0 ? String.format(", \"iterations\": %d, \"secondsPerIteration\": %.6f",
                iterations, median / iterations) : "";
        System.out.printf("{\"impl\": \"gen4j\", \"task\": \"%s\", \"threads\": %d, \"repeats\": %d, \"coldSeconds\": %.4f, "
                        + "\"seconds\": %.4f, \"minSeconds\": %.4f, \"maxSeconds\": %.4f%s, \"logLikelihood\": %.6f}%n",
                task, Runtime.getRuntime().availableProcessors(), repeats, cold, median, warm[0], warm[repeats - 1], perIteration,
                logLikelihood);
    }

    /** Runs the task once (cold) and then {@code repeats} times, keeping the times in {@link #cold} and {@link #warm}. */
    static <T> T timed(int repeats, Supplier<T> task) {
        long t0 = System.nanoTime();
        T result = task.get();
        cold = (System.nanoTime() - t0) / 1e9;
        warm = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            t0 = System.nanoTime();
            result = task.get();
            warm[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(warm);
        return result;
    }
}
