import smile.math.matrix.Matrix;
import smile.stat.distribution.MultivariateExponentialFamilyMixture;
import smile.stat.distribution.MultivariateGaussianDistribution;
import smile.stat.distribution.MultivariateMixture;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Smile peer for the GMM benchmark: 50 EM iterations from the shared initial parameters; the first fit (cold), then
 * REPEATS fits (median, min, max), as every side. Runs in its own JVM (Smile brings its own JavaCPP/OpenBLAS):
 * java -cp "benchmarks/out/peer-lib/*" benchmarks/gmm/SmileGmmBenchmark.java DATA_DIR [REPEATS]
 */
public class SmileGmmBenchmark {
    static final int ITERATIONS = 50;

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double[][] x = Npy.matrix(data.resolve("x.npy"));
        double[] weights = Npy.vector(data.resolve("init_weights.npy"));
        double[][] means = Npy.matrix(data.resolve("init_means.npy"));
        int k = weights.length;
        int d = means[0].length;
        for (String cov : new String[]{"full", "diag"}) {
            double[] precisions = Npy.vector(data.resolve("init_precisions_" + cov + ".npy"));
            MultivariateMixture.Component[] start = new MultivariateMixture.Component[k];
            for (int j = 0; j < k; j++) {
                MultivariateGaussianDistribution g;
                if (cov.equals("full")) {
                    Matrix precision = new Matrix(d, d);
                    for (int r = 0; r < d; r++) {
                        for (int c = 0; c < d; c++) {
                            precision.set(r, c, precisions[(j * d + r) * d + c]);
                        }
                    }
                    g = new MultivariateGaussianDistribution(means[j], precision.inverse());
                } else {
                    double[] variance = new double[d];
                    for (int i = 0; i < d; i++) {
                        variance[i] = 1 / precisions[j * d + i];
                    }
                    g = new MultivariateGaussianDistribution(means[j], variance);
                }
                start[j] = new MultivariateMixture.Component(weights[j], g);
            }
            long first = System.nanoTime();
            MultivariateExponentialFamilyMixture model = MultivariateExponentialFamilyMixture.fit(x, start, 0.0, ITERATIONS,
                    Double.NEGATIVE_INFINITY);                                  // the cold figure: the first fit
            double cold = (System.nanoTime() - first) / 1e9;
            double[] seconds = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                model = MultivariateExponentialFamilyMixture.fit(x, start, 0.0, ITERATIONS, Double.NEGATIVE_INFINITY);
                seconds[r] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(seconds);
            double median = seconds[repeats / 2];
            double ll = 0;
            for (double[] row : x) {
                ll += model.logp(row);
            }
            System.out.printf("{\"impl\": \"Smile 3.1.1\", \"covariance\": \"%s\", \"iterations\": %d, \"repeats\": %d, "
                    + "\"coldSeconds\": %.4f, \"seconds\": %.4f, \"minSeconds\": %.4f, \"maxSeconds\": %.4f, "
                    + "\"secondsPerIteration\": %.6f, \"meanLogLikelihood\": %.10f, \"threads\": %d}%n", cov, ITERATIONS, repeats,
                    cold, median, seconds[0], seconds[repeats - 1], median / ITERATIONS, ll / x.length,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** Reads little-endian float64 .npy files (C order), as written by numpy.save. */
    static final class Npy {
        static double[] vector(Path path) throws IOException {
            byte[] bytes = Files.readAllBytes(path);
            int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            String header = new String(bytes, 10, headerLength);
            if (!header.contains("'<f8'") || header.contains("'fortran_order': True")) {
                throw new IOException(path + ": expected a C-order little-endian float64 array, header " + header);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
            double[] values = new double[buffer.remaining() / 8];
            buffer.asDoubleBuffer().get(values);
            return values;
        }

        static double[][] matrix(Path path) throws IOException {
            byte[] bytes = Files.readAllBytes(path);
            int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            String header = new String(bytes, 10, headerLength);
            String shape = header.substring(header.indexOf("'shape': (") + 10, header.indexOf(")", header.indexOf("'shape': (")));
            int columns = Integer.parseInt(shape.split(",")[1].trim());
            double[] flat = vector(path);
            double[][] m = new double[flat.length / columns][columns];
            for (int i = 0; i < m.length; i++) {
                System.arraycopy(flat, i * columns, m[i], 0, columns);
            }
            return m;
        }
    }
}
