import org.gen4j.data.ImageDataset;
import org.gen4j.vae.VaeArchitecture;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import org.gen4j.vae.LatentPosterior;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * gen4j side of the VAE benchmark (design row 4): seconds per training epoch of an MLP VAE with Bernoulli pixels,
 * Adam 1e-3, batch 128, on the bundled MNIST digits (8,000 x 784, 784-400-20) and the 8x8 digits
 * (1,797 x 64, 64-400-20). The initial parameters and one forward pass from them go to SHARED_DIR/WORKLOAD for
 * torch_vae.py, which starts from the same parameters and checks it computes the same pass. The first epoch is the
 * cold figure; after WARMUP epochs (default 1), the median (min, max) of EPOCHS timed epochs, with the last epoch's
 * mean training loss (negative ELBO per sample). One JSON line per workload.
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/vae/Gen4jVaeBenchmark.java [EPOCHS] [WARMUP] [SHARED_DIR]
 * <p>
 * Quality mode ({@code quality MNIST_EPOCHS DIGITS_EPOCHS SEEDS}): trains on the first 80 % of the rows and reports
 * the test ELBO (10 draws per row) and the importance-weighted log p(x) (K = 64) of the last 20 %, per seed, for
 * the same comparison in {@code torch_vae.py quality}.
 */
public class Gen4jVaeBenchmark {
    public static void main(String[] args) throws java.io.IOException {
        if (args.length > 0 && args[0].equals("quality")) {
            int seeds = Integer.parseInt(args[3]);
            quality("mnist", ImageDataset.load("mnist").rows(), Integer.parseInt(args[1]), seeds);
            quality("digits", ImageDataset.load("digits").rows(), Integer.parseInt(args[2]), seeds);
            return;
        }
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path shared = Path.of(args.length > 2 ? args[2] : "benchmarks/out/vae");
        run("mnist", ImageDataset.load("mnist").rows(), epochs, warmup, shared.resolve("mnist"));
        run("digits", ImageDataset.load("digits").rows(), epochs, warmup, shared.resolve("digits"));
    }

    static VaeTrainer trainer(INDArray x, int epochs) {
        VaeArchitecture mlp = VaeArchitecture.mlp(x.columns()).hidden(400).latent(20).build();
        return new VaeTrainer(mlp).epochs(epochs).batchSize(128).learningRate(1e-3).seed(1);
    }

    /**
     * Writes the initial parameters (what training from seed 1 starts from) for the peer to load, and one forward
     * pass from them for the peer to repeat: the encoder's mean and variance for the first 64 rows, and the
     * decoder's Bernoulli means at those latent means.
     */
    static void shareInitialParameters(INDArray x, Path dir) throws java.io.IOException {
        VariationalAutoencoder initial = trainer(x, 0).fit(x);
        Files.createDirectories(dir);
        for (Map.Entry<String, INDArray> p : initial.network().paramTable().entrySet()) {
            Files.write(dir.resolve(p.getKey() + ".npy"), Nd4j.toNpyByteArray(p.getValue().dup('c')));
        }
        INDArray first = x.get(NDArrayIndex.interval(0, 64), NDArrayIndex.all()).dup();
        LatentPosterior posterior = initial.encode(first);
        Files.write(dir.resolve("check-mean.npy"), Nd4j.toNpyByteArray(posterior.mean().dup('c')));
        Files.write(dir.resolve("check-variance.npy"), Nd4j.toNpyByteArray(posterior.variance().dup('c')));
        Files.write(dir.resolve("check-decoded.npy"), Nd4j.toNpyByteArray(initial.decode(posterior.mean()).dup('c')));
    }

    /** The policy of every row: the first epoch is the cold figure; the median (min, max) of the timed epochs after WARMUP. */
    static void run(String name, INDArray x, int epochs, int warmup, Path shared) throws java.io.IOException {
        shareInitialParameters(x, shared);
        VariationalAutoencoder vae = trainer(x, warmup + epochs).fit(x);
        double[] all = vae.history().seconds();
        double[] seconds = Arrays.copyOfRange(all, warmup, warmup + epochs);
        Arrays.sort(seconds);
        double[] loss = vae.history().trainLoss();
        System.out.printf("{\"workload\": \"%s\", \"implementation\": \"gen4j\", \"threads\": %d, \"rows\": %d, \"parameters\": %d, "
                        + "\"warmupEpochs\": %d, \"epochs\": %d, \"coldSecondsPerEpoch\": %.4f, \"secondsPerEpoch\": %.4f, "
                        + "\"minSecondsPerEpoch\": %.4f, \"maxSecondsPerEpoch\": %.4f, \"lastEpochTrainLoss\": %.4f}%n",
                name, Runtime.getRuntime().availableProcessors(), x.rows(), vae.parameterCount(), warmup, epochs, all[0],
                seconds[seconds.length / 2], seconds[0], seconds[seconds.length - 1], loss[loss.length - 1]);
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
