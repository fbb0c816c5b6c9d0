import org.gen4j.data.ImageDataset;
import org.gen4j.vae.VaeArchitecture;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * gen4j side of the VAE benchmark (design row 4): seconds per training epoch of an MLP VAE with Bernoulli pixels,
 * Adam 1e-3, batch 128, on the bundled MNIST digits (8,000 x 784, 784-400-20) and the 8x8 digits
 * (1,797 x 64, 64-400-20). WARMUP untimed epochs (default 1), then EPOCHS timed epochs; the median is reported with the final
 * training loss (negative ELBO per sample) as a check that the same work was done. One JSON line per workload.
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/vae/Gen4jVaeBenchmark.java [EPOCHS] [WARMUP]
 * <p>
 * Quality mode ({@code quality MNIST_EPOCHS DIGITS_EPOCHS SEEDS}): trains on the first 80 % of the rows and reports
 * the test ELBO (10 draws per row) and the importance-weighted log p(x) (K = 64) of the last 20 %, per seed, for
 * the same comparison in {@code torch_vae.py quality}.
 */
public class Gen4jVaeBenchmark {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("quality")) {
            int seeds = Integer.parseInt(args[3]);
            quality("mnist", ImageDataset.load("mnist").rows(), Integer.parseInt(args[1]), seeds);
            quality("digits", ImageDataset.load("digits").rows(), Integer.parseInt(args[2]), seeds);
            return;
        }
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        run("mnist", ImageDataset.load("mnist").rows(), epochs, warmup);
        run("digits", ImageDataset.load("digits").rows(), epochs, warmup);
    }

    static void run(String name, INDArray x, int epochs, int warmup) {
        VaeArchitecture mlp = VaeArchitecture.mlp(x.columns()).hidden(400).latent(20).build();
        VariationalAutoencoder vae = new VaeTrainer(mlp).epochs(warmup + epochs).batchSize(128).learningRate(1e-3).seed(1).fit(x);
        double[] seconds = Arrays.copyOfRange(vae.history().seconds(), warmup, warmup + epochs);
        Arrays.sort(seconds);
        double[] loss = vae.history().trainLoss();
        System.out.printf("{\"workload\": \"%s\", \"implementation\": \"gen4j\", \"secondsPerEpoch\": %.4f, \"epochs\": %d, "
                        + "\"warmupEpochs\": %d, \"rows\": %d, \"finalTrainLoss\": %.4f}%n", name, seconds[seconds.length / 2], epochs, warmup, x.rows(), loss[loss.length - 1]);
    }

    /** The first 80 % of the rows (in file order) train, the rest test: the split torch_vae.py uses too. */
    static void quality(String name, INDArray x, int epochs, int seeds) {
        long cut = x.rows() * 8 / 10;
        INDArray train = x.get(NDArrayIndex.interval(0, cut), NDArrayIndex.all()).dup();
        INDArray test = x.get(NDArrayIndex.interval(cut, x.rows()), NDArrayIndex.all()).dup();
        VaeArchitecture mlp = VaeArchitecture.mlp(x.columns()).hidden(400).latent(20).build();
        for (int seed = 1; seed <= seeds; seed++) {
            VariationalAutoencoder vae = new VaeTrainer(mlp).epochs(epochs).batchSize(128).learningRate(1e-3).seed(seed).fit(train);
            System.out.printf("{\"workload\": \"%s\", \"implementation\": \"gen4j\", \"seed\": %d, \"epochs\": %d, "
                            + "\"trainRows\": %d, \"testRows\": %d, \"testElbo\": %.4f, \"testLogProb\": %.4f}%n",
                    name, seed, epochs, train.rows(), test.rows(), vae.elbo(test, 10, 7).meanNumber().doubleValue(),
                    vae.logProb(test, 64, 7).meanNumber().doubleValue());
        }
    }
}
