import org.gen4j.data.ImageDataset;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanArchitecture;
import org.gen4j.gan.GanTrainer;
import org.nd4j.linalg.api.ndarray.INDArray;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * gen4j side of the DCGAN benchmark (design row 5): seconds per iteration (one discriminator step on 64 real + 64
 * generated images, one generator step on 64) of a small DCGAN on the bundled 28x28 MNIST digits: generator
 * z(32) -> dense 128 -> dense 7x7x64 + BN -> deconv 32 (4x4, stride 2) + BN -> deconv 1 (sigmoid); discriminator
 * conv 32 -> conv 64 (4x4, stride 2, LeakyReLU 0.2) -> logit. Adam 2e-4, beta1 0.5. WARMUP untimed epochs (default 1), then the
 * median of EPOCHS epochs (125 iterations each). The initial parameters and one forward pass from them go to
 * SHARED_DIR for torch_dcgan.py, which starts from the same parameters and checks it computes the same pass.
 * Prints one JSON line.
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/gan/Gen4jGanBenchmark.java [EPOCHS] [WARMUP] [SHARED_DIR]
 */
public class Gen4jGanBenchmark {
    public static void main(String[] args) throws java.io.IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path shared = Path.of(args.length > 2 ? args[2] : "benchmarks/out/gan");
        INDArray images = ImageDataset.load("mnist").images();
        shareInitialParameters(images, shared);
        Gan gan = trainer(epochs + warmup).fit(images);
        double iterations = Math.ceil(images.size(0) / 64.0);
        double[] all = gan.history().seconds();
        double[] seconds = Arrays.copyOfRange(all, warmup, warmup + epochs);
        Arrays.sort(seconds);
        double[] d = gan.history().discriminatorLoss(), g = gan.history().generatorLoss();
        // parameters as DL4J counts them: weights, biases, and batch norm's gamma, beta, running mean and variance
        System.out.printf("{\"workload\": \"dcgan-mnist\", \"implementation\": \"gen4j\", \"threads\": %d, \"warmupEpochs\": %d, "
                        + "\"epochs\": %d, \"coldSecondsPerIteration\": %.5f, \"secondsPerIteration\": %.5f, \"minSecondsPerIteration\": %.5f, "
                        + "\"maxSecondsPerIteration\": %.5f, \"generatorParameters\": %d, \"discriminatorParameters\": %d, "
                        + "\"lastEpochDiscriminatorLoss\": %.4f, \"lastEpochGeneratorLoss\": %.4f}%n",
                Runtime.getRuntime().availableProcessors(), warmup, epochs, all[0] / iterations, seconds[seconds.length / 2] / iterations,
                seconds[0] / iterations, seconds[seconds.length - 1] / iterations, gan.generatorNetwork().numParams(),
                gan.discriminatorNetwork().numParams(), d[d.length - 1], g[g.length - 1]);
    }

    static GanTrainer trainer(int epochs) {
        GanArchitecture dcgan = GanArchitecture.dcgan(1, 28, 28).channels(32, 64).generatorHidden(128).latent(32).build();
        return new GanTrainer(dcgan).epochs(epochs).batchSize(64).seed(1);
    }

    /**
     * Writes the initial parameters (what training from seed 1 starts from) for the peer to load, and one forward
     * pass from them for the peer to repeat: the generator's images for 64 fixed latent draws (batch norm on the
     * batch's statistics, as in training) and the discriminator's logits for the first 64 real images.
     */
    static void shareInitialParameters(INDArray images, Path dir) throws java.io.IOException {
        Gan initial = trainer(0).fit(images);
        Files.createDirectories(dir);
        for (var net : java.util.List.of(initial.generatorNetwork(), initial.discriminatorNetwork())) {
            for (Map.Entry<String, INDArray> p : net.paramTable().entrySet()) {
                Files.write(dir.resolve(p.getKey() + ".npy"), Nd4j.toNpyByteArray(p.getValue().dup('c')));
            }
        }
        INDArray z = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 64, 32);
        Files.write(dir.resolve("check-z.npy"), Nd4j.toNpyByteArray(z));
        Files.write(dir.resolve("check-generated.npy"), Nd4j.toNpyByteArray(initial.generatorNetwork().output(true, z)[0].dup('c')));
        INDArray real = images.get(NDArrayIndex.interval(0, 64)).dup();
        Files.write(dir.resolve("check-logits.npy"), Nd4j.toNpyByteArray(initial.discriminatorNetwork().output(false, real)[0].dup('c')));
    }
}
