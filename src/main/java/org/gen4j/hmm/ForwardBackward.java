package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.IntStream;

/**
 * The scaled forward–backward recursions (Rabiner 1989, §V.A). Every α_t is normalised to sum to 1 and the
 * normaliser c_t kept, so a sequence of any length neither underflows nor overflows; emission likelihoods enter as
 * exp(log b − max_k log b), the maximum added back to the log-likelihood.
 *
 * <p>The emission log-likelihoods and everything the M-step does with the posteriors are whole-tensor ND4J
 * operations; the recursion itself runs over plain arrays, one sequence per task. It is inherently sequential in
 * time, and a step is a {@code [K] x [K, K]} product: measured here, ND4J's per-operation overhead (20–100 µs per
 * call and view) made a batched per-step version 100× slower than this loop for K ≤ 10.
 */
final class ForwardBackward {
    private ForwardBackward() {
    }

    /**
     * @param logLikelihood     log p(x_{1:T_i}) per sequence
     * @param stepLogPredictive {@code [N]} log p(x_t | x_{<t}) for every step, sequences concatenated
     * @param posteriors        {@code [N, K]} p(z_t | x), or null after a forward pass only
     * @param transitionCounts  {@code [K, K]} expected transition counts Σ_t ξ_t, or null
     * @param firstPosteriors   {@code [K]} Σ over sequences of p(z_1 | x), or null
     */
    record Result(double[] logLikelihood, INDArray stepLogPredictive, INDArray posteriors, INDArray transitionCounts,
                  INDArray firstPosteriors) {
    }

    /**
     * @param start       {@code [K]}
     * @param transitions {@code [K, K]} rows sum to 1
     * @param logEmission {@code [N, K]} log b_k(x_n), sequences concatenated
     * @param lengths     the length of each sequence, summing to N
     */
    static Result run(INDArray start, INDArray transitions, INDArray logEmission, int[] lengths, boolean backward) {
        return run(start, transitions, values(logEmission), (int) logEmission.columns(), lengths, backward,
                logEmission.dataType(), null);
    }

    /**
     * As {@link #run(INDArray, INDArray, INDArray, int[], boolean)}, with the start and transition counts summed
     * with each sequence's weight (the per-sequence log-likelihoods and posteriors are returned unweighted).
     *
     * @param sequenceWeights one per sequence, or null for one each
     */
    static Result run(INDArray start, INDArray transitions, INDArray logEmission, int[] lengths, double[] sequenceWeights) {
        return run(start, transitions, values(logEmission), (int) logEmission.columns(), lengths, true,
                logEmission.dataType(), sequenceWeights);
    }

    /** The values of a {@code [N, K]} array, row by row, as doubles. */
    static double[] values(INDArray logEmission) {
        boolean plain = logEmission.dataType() == DataType.DOUBLE && logEmission.ordering() == 'c'
                && !logEmission.isView() && logEmission.data().length() == logEmission.length();
        return (plain ? logEmission : logEmission.castTo(DataType.DOUBLE).dup('c')).data().asDouble();
    }

    /**
     * @param logB  {@code [N * K]} log b_k(x_n), row by row
     * @param dtype the data type of the returned arrays
     */
    static Result run(INDArray start, INDArray transitions, double[] logB, int k, int[] lengths, boolean backward,
                      DataType dtype) {
        return run(start, transitions, logB, k, lengths, backward, dtype, null);
    }

    private static Result run(INDArray start, INDArray transitions, double[] logB, int k, int[] lengths, boolean backward,
                              DataType dtype, double[] sequenceWeights) {
        double[] pi = start.toDoubleVector();
        double[][] a = transitions.toDoubleMatrix();
        int n = logB.length / k;
        int[] offsets = new int[lengths.length];
        for (int i = 1; i < lengths.length; i++) {
            offsets[i] = offsets[i - 1] + lengths[i - 1];
        }
        double[] logLikelihood = new double[lengths.length];
        double[] stepLog = new double[n];
        double[] gamma = backward ? new double[n * k] : null;
        double[][][] xi = backward ? new double[lengths.length][][] : null;
        IntStream sequences = IntStream.range(0, lengths.length);
        (lengths.length > 1 && n > 10_000 ? sequences.parallel() : sequences).forEach(i ->
                logLikelihood[i] = runOne(i, offsets[i], lengths[i], k, pi, a, logB, stepLog, gamma, xi));
        INDArray predictive = Nd4j.createFromArray(stepLog).castTo(dtype);
        if (!backward) {
            return new Result(logLikelihood, predictive, null, null, null);
        }
        double[][] counts = new double[k][k];
        double[] first = new double[k];
        for (int i = 0; i < lengths.length; i++) {
            double w = sequenceWeights == null ? 1.0 : sequenceWeights[i];
            for (int r = 0; r < k; r++) {
                first[r] += w * gamma[offsets[i] * k + r];
                for (int c = 0; c < k; c++) {
                    counts[r][c] += w * xi[i][r][c];
                }
            }
        }
        return new Result(logLikelihood, predictive, Nd4j.createFromArray(gamma).reshape(n, k).castTo(dtype),
                Nd4j.createFromArray(counts).castTo(dtype), Nd4j.createFromArray(first).castTo(dtype));
    }

    /** One sequence; writes its steps' predictive log-likelihoods, posteriors and ξ sums; returns log p(x). */
    private static double runOne(int sequence, int offset, int length, int k, double[] pi, double[][] a, double[] logB,
                                 double[] stepLog, double[] gamma, double[][][] xi) {
        double[] alpha = new double[length * k];
        double[] emission = new double[length * k];
        double[] scale = new double[length];
        double total = 0;
        for (int t = 0; t < length; t++) {
            int row = (offset + t) * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logB[row + j]);
            }
            if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
                throw new Gen4jException("cannot evaluate step " + t + " of sequence " + sequence
                        + ": no state can emit the observation");
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double b = Math.exp(logB[row + j] - max);
                emission[t * k + j] = b;
                double predicted;
                if (t == 0) {
                    predicted = pi[j];
                } else {
                    predicted = 0;
                    for (int i = 0; i < k; i++) {
                        predicted += alpha[(t - 1) * k + i] * a[i][j];
                    }
                }
                alpha[t * k + j] = predicted * b;
                sum += alpha[t * k + j];
            }
            if (!(sum > 0)) {
                throw new Gen4jException("cannot evaluate sequence " + sequence + ": it has probability 0 under the"
                        + " model at step " + t + " (start or transition probabilities rule it out)");
            }
            for (int j = 0; j < k; j++) {
                alpha[t * k + j] /= sum;
            }
            scale[t] = sum;
            stepLog[offset + t] = Math.log(sum) + max;
            total += stepLog[offset + t];
        }
        if (gamma == null) {
            return total;
        }
        double[] beta = new double[k];
        double[] next = new double[k];
        double[][] counts = new double[k][k];
        java.util.Arrays.fill(beta, 1.0);
        for (int t = length - 1; t >= 0; t--) {
            for (int j = 0; j < k; j++) {
                gamma[(offset + t) * k + j] = alpha[t * k + j] * beta[j];
            }
            if (t == 0) {
                break;
            }
            // ξ_{t-1}(i, j) = α_{t-1}(i) a_ij b_j(x_t) β_t(j) / c_t
            for (int j = 0; j < k; j++) {
                next[j] = emission[t * k + j] * beta[j] / scale[t];
            }
            for (int i = 0; i < k; i++) {
                double sum = 0;
                double from = alpha[(t - 1) * k + i];
                for (int j = 0; j < k; j++) {
                    double w = a[i][j] * next[j];
                    counts[i][j] += from * w;
                    sum += w;
                }
                beta[i] = sum;
            }
        }
        xi[sequence] = counts;
        return total;
    }
}
