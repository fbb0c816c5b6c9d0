import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.gen4j.gmm.GaussianMixtureTrainer;

/**
 * The same GMM fit as `gen4j fit gmm --data FILE -k 8 --seed 1 --max-iter 50 --tol 0`, FITS times in one JVM: the
 * first fit is cold, the last warm. Per fit, one JSON line: the whole fit, its first iteration (with the
 * initialisation) and the mean of the others.
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/startup/WarmGmm.java FILE [FITS]
 */
public class WarmGmm {
    public static void main(String[] a) {
        org.gen4j.kernels.NativeRuntime.install();
        Table table = Datasets.load(a[0], null);
        int fits = a.length > 1 ? Integer.parseInt(a[1]) : 3;
        for (int f = 0; f < fits; f++) {
            long[] stamps = new long[64];
            int[] n = {0};
            GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(8).seed(1).maxIter(50).tol(0)
                    .listener((run, iteration, objective) -> stamps[n[0]++] = System.nanoTime()).build();
            long start = System.nanoTime();
            trainer.fit(table);
            long end = System.nanoTime();
            System.out.printf("{\"fit\": %d, \"fitSeconds\": %.3f, \"nIter\": %d, \"firstIterationSeconds\": %.3f,"
                            + " \"secondsPerIterationAfterTheFirst\": %.4f}%n", f + 1, (end - start) / 1e9, n[0],
                    (stamps[0] - start) / 1e9, (stamps[n[0] - 1] - stamps[0]) / 1e9 / (n[0] - 1));
        }
    }
}
