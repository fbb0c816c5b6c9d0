import org.gen4j.data.ImageDataset;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanArchitecture;
import org.gen4j.gan.GanTrainer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * gen4j side of the DCGAN benchmark (design row 5): seconds per iteration (one discriminator step on 64 real + 64
 * generated images, one generator step on 64) of a small DCGAN on the bundled 28x28 MNIST digits: generator
 * z(32) -> dense 128 -> dense 7x7x64 + BN -> deconv 32 (4x4, stride 2) + BN -> deconv 1 (sigmoid); discriminator
 * conv 32 -> conv 64 (4x4, stride 2, LeakyReLU 0.2) -> logit. Adam 2e-4, beta1 0.5. WARMUP untimed epochs (default 1), then the
 * median of EPOCHS epochs (125 iterations each). Prints one JSON line.
 * java -cp "target/gen4j.jar:target/lib/*" benchmarks/gan/Gen4jGanBenchmark.java [EPOCHS] [WARMUP]
 */
public class Gen4jGanBenchmark {
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        INDArray images = ImageDataset.load("mnist").images();
        GanArchitecture dcgan = GanArchitecture.dcgan(1, 28, 28).channels(32, 64).generatorHidden(128).latent(32).build();
        Gan gan = new GanTrainer(dcgan).epochs(warmup + epochs).batchSize(64).seed(1).fit(images);
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
}
