import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.gen4j.spark.SparkSessions;
import org.gen4j.spark.SparkSources;
import org.gen4j.spark.SparkVae;
import org.gen4j.vae.VaeArchitecture;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Convergence of a VAE trained on Spark (local[2], DL4J's parameter averaging every AVERAGING batches per worker)
 * against the same VAE on one machine: the 8x8 digits (1,500 train, 297 held out), MLP 64-128-8, Bernoulli, Adam,
 * batch 32, EPOCHS epochs, the same seed. Prints the held-out ELBO per epoch of each, one JSON line each.
 * java -cp "target/gen4j.jar:target/lib/*:target/spark-lib/*" benchmarks/spark/SparkVaeBenchmark.java [EPOCHS] [AVERAGING...]
 */
public class SparkVaeBenchmark {
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int[] averaging = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[]{1, 5, 20};
        INDArray digits = Datasets.load("digits").features().div(16);
        INDArray train = digits.get(NDArrayIndex.interval(0, 1500), NDArrayIndex.all());
        INDArray heldOut = digits.get(NDArrayIndex.interval(1500, digits.rows()), NDArrayIndex.all());
        VaeArchitecture architecture = VaeArchitecture.mlp(64).hidden(128).latent(8).build();
        long start = System.nanoTime();
        VariationalAutoencoder local = trainer(architecture, epochs).fit(train, heldOut);
        print("one machine", 0, local, (System.nanoTime() - start) / 1e9);
        List<String> columns = new ArrayList<>();
        for (int j = 0; j < 64; j++) {
            columns.add("p" + j);
        }
        SparkSession spark = SparkSessions.open("local[2]", false);
        Dataset<Row> rows = SparkSources.of(spark, new Table(train, columns, null, "digits")).repartition(2).cache();
        rows.count();
        for (int every : averaging) {
            start = System.nanoTime();
            VariationalAutoencoder onSpark = SparkVae.fit(trainer(architecture, epochs), rows, columns, heldOut, every);
            print("spark local[2]", every, onSpark, (System.nanoTime() - start) / 1e9);
        }
        spark.stop();
    }

    static VaeTrainer trainer(VaeArchitecture architecture, int epochs) {
        return new VaeTrainer(architecture).epochs(epochs).batchSize(32).learningRate(1e-3).seed(1);
    }

    static void print(String where, int averaging, VariationalAutoencoder vae, double seconds) {
        double[] elbo = vae.history().testElbo();
        StringBuilder values = new StringBuilder();
        for (double e : elbo) {
            values.append(values.length() == 0 ? "" : ", ").append(String.format("%.3f", e));
        }
        System.out.printf("{\"where\": \"%s\", \"averagingFrequency\": %d, \"epochs\": %d, \"seconds\": %.2f, \"heldOutElbo\": [%s]}%n",
                where, averaging, elbo.length, seconds, values);
    }
}
