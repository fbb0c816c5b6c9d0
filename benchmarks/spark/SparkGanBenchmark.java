import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gen4j.data.Table;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanArchitecture;
import org.gen4j.gan.GanTrainer;
import org.gen4j.spark.SparkGan;
import org.gen4j.spark.SparkSessions;
import org.gen4j.spark.SparkSources;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Convergence of a GAN trained on Spark (local[2], SparkGan: local alternating steps, both networks averaged every
 * AVERAGING iterations per partition) against the same GAN on one machine: the 8-mode ring (2,000 points, 8 tight
 * Gaussians on a circle of radius 2), MLP G 8-128-128-2 and D 2-128-128-1, Adam 2e-3, batch 100, EMA 0.99, seed 1.
 * After each epoch: how many modes get more than 3 % of 2,000 samples, and the share of samples near no mode.
 * java -cp "target/gen4j.jar:target/lib/*:target/spark-lib/*" benchmarks/spark/SparkGanBenchmark.java [EPOCHS] [AVERAGING...]
 */
public class SparkGanBenchmark {
    static final GanArchitecture RING_GAN = GanArchitecture.mlp(2).latent(8).generatorHidden(128, 128)
            .discriminatorHidden(128, 128).outputActivation("identity").build();

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 80;
        int[] averaging = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[]{1, 5, 20};
        INDArray ring = ring(2000, 1);
        List<double[]> curve = new ArrayList<>();
        long start = System.nanoTime();
        trainer(epochs, curve).fit(ring);
        print("one machine", 0, curve, (System.nanoTime() - start) / 1e9);
        SparkSession spark = SparkSessions.open("local[2]", false);
        Dataset<Row> rows = SparkSources.of(spark, new Table(ring, List.of("x", "y"), null, "ring")).repartition(2).cache();
        rows.count();
        for (int every : averaging) {
            curve.clear();
            start = System.nanoTime();
            SparkGan.fit(trainer(epochs, curve), rows, List.of("x", "y"), every, null);
            print("spark local[2]", every, curve, (System.nanoTime() - start) / 1e9);
        }
        spark.stop();
    }

    static GanTrainer trainer(int epochs, List<double[]> curve) {
        return new GanTrainer(RING_GAN).epochs(epochs).batchSize(100).learningRates(2e-3, 2e-3).emaDecay(0.99).seed(1)
                .afterEpoch(gan -> curve.add(coverage(gan.sample(2000, 3))));
    }

    /** {modes with more than 3 % of the samples, share of samples near no mode} */
    static double[] coverage(INDArray samples) {
        double[] shares = new double[9];
        for (int i = 0; i < samples.rows(); i++) {
            double a = Math.atan2(samples.getDouble(i, 1), samples.getDouble(i, 0));
            int k = Math.floorMod((int) Math.round(a / (2 * Math.PI / 8)), 8);
            double d = Math.hypot(samples.getDouble(i, 0) - 2 * Math.cos(2 * Math.PI * k / 8),
                    samples.getDouble(i, 1) - 2 * Math.sin(2 * Math.PI * k / 8));
            shares[d < 0.3 ? k : 8] += 1.0 / samples.rows();
        }
        return new double[]{Arrays.stream(shares, 0, 8).filter(s -> s > 0.03).count(), shares[8]};
    }

    static INDArray ring(int n, long seed) {
        INDArray x = Nd4j.create(DataType.FLOAT, n, 2);
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * (i % 8) / 8;
            x.putScalar(i, 0, 2 * Math.cos(angle) + 0.05 * random.nextGaussian());
            x.putScalar(i, 1, 2 * Math.sin(angle) + 0.05 * random.nextGaussian());
        }
        return x;
    }

    static void print(String where, int averaging, List<double[]> curve, double seconds) {
        StringBuilder modes = new StringBuilder(), off = new StringBuilder();
        for (double[] c : curve) {
            modes.append(modes.length() == 0 ? "" : ", ").append((int) c[0]);
            off.append(off.length() == 0 ? "" : ", ").append(String.format("%.3f", c[1]));
        }
        System.out.printf("{\"where\": \"%s\", \"averagingFrequency\": %d, \"epochs\": %d, \"seconds\": %.2f, \"modesCovered\": [%s], \"offModeShare\": [%s]}%n",
                where, averaging, curve.size(), seconds, modes, off);
    }
}
