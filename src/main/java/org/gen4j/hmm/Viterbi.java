package org.gen4j.hmm;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.stream.IntStream;

/**
 * The most likely state path of each sequence, by max-product in log space over the emission log-likelihoods
 * (computed as one tensor operation for all steps); the recursion runs over plain arrays for the reason given in
 * {@link ForwardBackward}.
 */
public final class Viterbi {
    private Viterbi() {
    }

    /** @param states the state at each step @param logProbability log p(x, states) of that path */
    public record Path(int[] states, double logProbability) {
    }

    /**
     * @param logB    {@code [N * K]} log b_k(x_n), sequences concatenated, row by row
     * @param lengths     the length of each sequence
     */
    static Path[] decode(INDArray start, INDArray transitions, double[] logB, int k, int[] lengths) {
        double[] logPi = log(start.toDoubleVector());
        // log a_ij stored by destination state (logAInto[j * k + i]): the inner loop walks one contiguous row
        double[] logAInto = log(transitions.transpose().dup('c').data().asDouble());
        int[] offsets = new int[lengths.length];
        for (int i = 1; i < lengths.length; i++) {
            offsets[i] = offsets[i - 1] + lengths[i - 1];
        }
        Path[] paths = new Path[lengths.length];
        IntStream sequences = IntStream.range(0, lengths.length);
        (lengths.length > 1 && logB.length > 50_000 ? sequences.parallel() : sequences)
                .forEach(i -> paths[i] = decodeOne(offsets[i], lengths[i], k, logPi, logAInto, logB));
        return paths;
    }

    private static Path decodeOne(int offset, int length, int k, double[] logPi, double[] logAInto, double[] logB) {
        int[] back = new int[length * k];
        double[] delta = new double[k];
        double[] next = new double[k];
        for (int j = 0; j < k; j++) {
            delta[j] = logPi[j] + logB[offset * k + j];
        }
        for (int t = 1; t < length; t++) {
            int row = (offset + t) * k;
            for (int j = 0; j < k; j++) {
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                int into = j * k;
                for (int i = 0; i < k; i++) {
                    double score = delta[i] + logAInto[into + i];
                    if (score > best) {
                        best = score;
                        arg = i;
                    }
                }
                next[j] = best + logB[row + j];
                back[t * k + j] = arg;
            }
            double[] swap = delta;
            delta = next;
            next = swap;
        }
        int last = 0;
        for (int j = 1; j < k; j++) {
            if (delta[j] > delta[last]) {
                last = j;
            }
        }
        int[] states = new int[length];
        states[length - 1] = last;
        for (int t = length - 1; t > 0; t--) {
            states[t - 1] = back[t * k + states[t]];
        }
        return new Path(states, delta[last]);
    }

    private static double[] log(double[] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Math.log(p[i]);
        }
        return out;
    }
}
