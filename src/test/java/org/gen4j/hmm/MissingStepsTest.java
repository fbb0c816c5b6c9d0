package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.SequenceBatch;
import org.gen4j.stats.CovarianceType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hidden Markov models on sequences with missing values (NaN): scoring gives the observed-data answers (checked
 * against enumeration of every state path and every value a gap could take), and Baum–Welch learns from the rest.
 */
class MissingStepsTest {
    private static final double NAN = Double.NaN;

    /** Two states in 2-D with correlated (full) covariances. */
    private static HiddenMarkovModel correlatedGaussian() {
        INDArray start = Nd4j.createFromArray(0.65, 0.35);
        INDArray trans = Nd4j.createFromArray(new double[][]{{0.85, 0.15}, {0.3, 0.7}});
        INDArray means = Nd4j.createFromArray(new double[][]{{0, 1}, {3, -1}});
        INDArray covariances = Nd4j.createFromArray(new double[][][]{{{1.0, 0.6}, {0.6, 2.0}}, {{0.5, -0.3}, {-0.3, 0.8}}});
        return HiddenMarkovModel.of(start, trans, GaussianEmission.of(CovarianceType.FULL, means, covariances));
    }

    /**
     * log p(observed) by summing over all K^T state paths, each step's density written out here: the bivariate
     * normal, or the univariate marginal N(x_a | μ_a, Σ_aa) when one coordinate is missing, or 1 when both are.
     */
    @Test
    void gaussianStepsWithGapsScoreTheirObservedValues() {
        HiddenMarkovModel hmm = correlatedGaussian();
        double[][] steps = {{0.2, 1.5}, {NAN, -0.4}, {2.5, NAN}, {NAN, NAN}, {3.1, -1.2}, {0.9, NAN}};
        double[][] means = {{0, 1}, {3, -1}};
        double[][][] sigma = {{{1.0, 0.6}, {0.6, 2.0}}, {{0.5, -0.3}, {-0.3, 0.8}}};
        double[][] emission = new double[steps.length][2];
        for (int t = 0; t < steps.length; t++) {
            for (int k = 0; k < 2; k++) {
                emission[t][k] = gaussianDensity(steps[t], means[k], sigma[k]);
            }
        }
        double[] start = {0.65, 0.35};
        double[][] trans = {{0.85, 0.15}, {0.3, 0.7}};
        double total = 0, best = -1;
        int[] bestPath = null;
        for (int code = 0; code < 1 << steps.length; code++) {
            int[] path = new int[steps.length];
            double p = 1;
            for (int t = 0; t < steps.length; t++) {
                path[t] = (code >> t) & 1;
                p *= (t == 0 ? start[path[0]] : trans[path[t - 1]][path[t]]) * emission[t][path[t]];
            }
            total += p;
            if (p > best) {
                best = p;
                bestPath = path;
            }
        }
        SequenceBatch batch = SequenceBatch.of(Nd4j.createFromArray(steps));
        assertEquals(Math.log(total), hmm.logProb(batch).getDouble(0), 1e-12);
        Viterbi.Path viterbi = hmm.viterbi(batch).get(0);
        assertArrayEquals(bestPath, viterbi.states());
        assertEquals(Math.log(best), viterbi.logProbability(), 1e-12);
        double[] posteriorSums = hmm.posterior(batch).get(0).sum(1).toDoubleVector();
        for (double s : posteriorSums) {
            assertEquals(1, s, 1e-12);
        }
    }

    private static double gaussianDensity(double[] x, double[] mean, double[][] s) {
        boolean first = !Double.isNaN(x[0]), second = !Double.isNaN(x[1]);
        if (first && second) {
            double det = s[0][0] * s[1][1] - s[0][1] * s[1][0];
            double a = x[0] - mean[0], b = x[1] - mean[1];
            double quadratic = (s[1][1] * a * a - 2 * s[0][1] * a * b + s[0][0] * b * b) / det;
            return Math.exp(-0.5 * quadratic) / (2 * Math.PI * Math.sqrt(det));
        }
        if (first || second) {
            int c = first ? 0 : 1;
            double z = x[c] - mean[c];
            return Math.exp(-0.5 * z * z / s[c][c]) / Math.sqrt(2 * Math.PI * s[c][c]);
        }
        return 1;
    }

    /**
     * Imputed Gaussian gaps are Σ_k p(z_t = k | x) E[x_M | x_O, k], with the posteriors from enumerating every path
     * and the conditional means of the bivariate normal written out; the mean of many joint draws comes to the same.
     */
    @Test
    void gaussianGapsAreFilledByTheirPosteriorExpectation() {
        HiddenMarkovModel hmm = correlatedGaussian();
        double[][] steps = {{0.2, 1.5}, {NAN, -0.4}, {2.5, NAN}, {NAN, NAN}, {3.1, -1.2}, {0.9, NAN}};
        double[][] means = {{0, 1}, {3, -1}};
        double[][][] sigma = {{{1.0, 0.6}, {0.6, 2.0}}, {{0.5, -0.3}, {-0.3, 0.8}}};
        double[] start = {0.65, 0.35};
        double[][] trans = {{0.85, 0.15}, {0.3, 0.7}};
        double[][] gamma = new double[steps.length][2];
        double total = 0;
        for (int code = 0; code < 1 << steps.length; code++) {
            double p = 1;
            for (int t = 0; t < steps.length; t++) {
                int state = (code >> t) & 1, previous = t == 0 ? -1 : (code >> (t - 1)) & 1;
                p *= (t == 0 ? start[state] : trans[previous][state]) * gaussianDensity(steps[t], means[state], sigma[state]);
            }
            total += p;
            for (int t = 0; t < steps.length; t++) {
                gamma[t][(code >> t) & 1] += p;
            }
        }
        double[][] expected = new double[steps.length][];
        for (int t = 0; t < steps.length; t++) {
            expected[t] = steps[t].clone();
            for (int a = 0; a < 2; a++) {
                if (Double.isNaN(steps[t][a])) {
                    expected[t][a] = 0;
                    int other = 1 - a;
                    for (int k = 0; k < 2; k++) {
                        double conditional = Double.isNaN(steps[t][other]) ? means[k][a]
                                : means[k][a] + sigma[k][a][other] / sigma[k][other][other] * (steps[t][other] - means[k][other]);
                        expected[t][a] += gamma[t][k] / total * conditional;
                    }
                }
            }
        }
        SequenceBatch batch = SequenceBatch.of(Nd4j.createFromArray(steps));
        double[][] imputed = hmm.impute(batch).get(0).toDoubleMatrix();
        for (int t = 0; t < steps.length; t++) {
            assertArrayEquals(expected[t], imputed[t], 1e-12, "step " + t);
        }
        int draws = 4_000;
        double[][] sum = new double[steps.length][2], squares = new double[steps.length][2];
        for (int seed = 1; seed <= draws; seed++) {
            double[][] drawn = hmm.imputeSample(batch, seed).get(0).toDoubleMatrix();
            for (int t = 0; t < steps.length; t++) {
                for (int a = 0; a < 2; a++) {
                    sum[t][a] += drawn[t][a];
                    squares[t][a] += drawn[t][a] * drawn[t][a];
                    if (!Double.isNaN(steps[t][a])) {
                        assertEquals(steps[t][a], drawn[t][a], 0.0, "observed values stay");
                    }
                }
            }
        }
        for (int t = 0; t < steps.length; t++) {
            for (int a = 0; a < 2; a++) {
                double mean = sum[t][a] / draws;
                double sd = Math.sqrt(Math.max(squares[t][a] / draws - mean * mean, 0));
                assertEquals(expected[t][a], mean, 5 * sd / Math.sqrt(draws) + 1e-12, "mean of draws, step " + t + ", column " + a);
            }
        }
    }

    /** Drawn state paths follow their posterior: each of the 32 paths of a five-step sequence as often as enumeration says. */
    @Test
    void drawnPathsFollowTheirPosterior() {
        HiddenMarkovModel hmm = KnownHmms.twoStateCategorical();
        double[][] steps = {{0}, {NAN}, {2}, {1}, {3}};
        double[] pi = hmm.startProb().toDoubleVector();
        double[][] a = hmm.transMat().toDoubleMatrix();
        double[][] b = ((CategoricalEmission) hmm.emission()).probabilities().toDoubleMatrix();
        double[] probability = new double[32];
        double total = 0;
        for (int code = 0; code < 32; code++) {
            double p = 1;
            for (int t = 0; t < 5; t++) {
                int state = (code >> t) & 1;
                p *= t == 0 ? pi[state] : a[(code >> (t - 1)) & 1][state];
                p *= Double.isNaN(steps[t][0]) ? 1 : b[state][(int) steps[t][0]];
            }
            probability[code] = p;
            total += p;
        }
        double[] logB = new double[5 * 2];
        for (int t = 0; t < 5; t++) {
            for (int k = 0; k < 2; k++) {
                logB[t * 2 + k] = Double.isNaN(steps[t][0]) ? 0 : Math.log(b[k][(int) steps[t][0]]);
            }
        }
        int draws = 40_000;
        int[] seen = new int[32];
        Random random = new Random(8);
        for (int i = 0; i < draws; i++) {
            int[] path = PosteriorPaths.draw(pi, a, logB, 2, new int[]{5}, random).get(0);
            int code = 0;
            for (int t = 0; t < 5; t++) {
                code |= path[t] << t;
            }
            seen[code]++;
        }
        for (int code = 0; code < 32; code++) {
            double p = probability[code] / total;
            assertEquals(p, seen[code] / (double) draws, 5 * Math.sqrt(p * (1 - p) / draws) + 1e-9, "path " + code);
        }
    }

    /** A missing symbol is the sum over the symbols it could be. */
    @Test
    void aMissingSymbolIsTheSumOverEverySymbol() {
        HiddenMarkovModel hmm = KnownHmms.twoStateCategorical();
        double[][] steps = {{0}, {NAN}, {2}, {NAN}, {3}};
        double total = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                double[][] filled = {{0}, {a}, {2}, {b}, {3}};
                total += Math.exp(hmm.logProb(SequenceBatch.of(Nd4j.createFromArray(filled))).getDouble(0));
            }
        }
        assertEquals(Math.log(total), hmm.logProb(SequenceBatch.of(Nd4j.createFromArray(steps))).getDouble(0), 1e-12);
    }

    /** A missing count is the sum over every count it could be (to 400: the rest is below 1e-300). */
    @Test
    void aMissingCountIsTheSumOverEveryCount() {
        INDArray start = Nd4j.createFromArray(0.4, 0.6);
        INDArray trans = Nd4j.createFromArray(new double[][]{{0.9, 0.1}, {0.2, 0.8}});
        HiddenMarkovModel hmm = HiddenMarkovModel.of(start, trans,
                new PoissonEmission(Nd4j.createFromArray(new double[][]{{2.0, 30.0}, {12.0, 4.0}})));
        double[][] steps = {{1, 28}, {NAN, 5}, {14, 3}};
        double total = 0;
        for (int c = 0; c <= 400; c++) {
            double[][] filled = {{1, 28}, {c, 5}, {14, 3}};
            total += Math.exp(hmm.logProb(SequenceBatch.of(Nd4j.createFromArray(filled))).getDouble(0));
        }
        assertEquals(Math.log(total), hmm.logProb(SequenceBatch.of(Nd4j.createFromArray(steps))).getDouble(0), 1e-11);
    }

    /** Baum–Welch on the observed-data likelihood never goes down, for every emission that takes gaps. */
    @Test
    void baumWelchNeverDecreasesTheObservedDataLikelihood() {
        List<BaumWelch> trainers = List.of(
                BaumWelch.builder().states(2).gaussian(CovarianceType.FULL).tol(0).maxIter(15).seed(3).build(),
                BaumWelch.builder().states(2).gaussian(CovarianceType.DIAG).tol(0).maxIter(15).seed(3).build(),
                BaumWelch.builder().states(2).gaussian(CovarianceType.TIED).tol(0).maxIter(15).seed(3).build(),
                BaumWelch.builder().states(2).gaussian(CovarianceType.SPHERICAL).tol(0).maxIter(15).seed(3).build());
        SequenceBatch gappy = withGaps(correlatedGaussian().sample(20, 60, 7).observations(), 0.3, 11);
        for (BaumWelch trainer : trainers) {
            assertMonotone(trainer.fit(gappy), gappy);
        }
        SequenceBatch symbols = withGaps(KnownHmms.twoStateCategorical().sample(20, 60, 7).observations(), 0.3, 11);
        assertMonotone(BaumWelch.builder().states(2).categorical(4).tol(0).maxIter(15).seed(3).build().fit(symbols), symbols);
        SequenceBatch counts = withGaps(KnownHmms.twoStatePoisson().sample(20, 60, 7).observations(), 0.3, 11);
        assertMonotone(BaumWelch.builder().states(2).poisson().tol(0).maxIter(15).seed(3).build().fit(counts), counts);
    }

    private static void assertMonotone(HiddenMarkovModel fitted, SequenceBatch data) {
        double[] history = fitted.fitSummary().history();
        for (int i = 1; i < history.length; i++) {
            assertTrue(history[i] >= history[i - 1] - 1e-9 * Math.abs(history[i - 1]),
                    fitted.emission().kind() + ": iteration " + i + " went from " + history[i - 1] + " to " + history[i]);
        }
        assertTrue(Double.isFinite(fitted.logProb(data).sumNumber().doubleValue()));
    }

    /**
     * Learning from the gaps beats filling them with column means first: on held-out sequences with gaps, the
     * observed-data log-likelihood is higher, at 10 % and 30 % missing completely at random and when the larger
     * values of one coordinate are the ones missing (not at random); and the less is missing, the closer the fitted
     * means come to those of the fit on complete data.
     */
    @Test
    void learningFromGapsBeatsMeanImputationAndApproachesTheCompleteFit() {
        HiddenMarkovModel truth = correlatedGaussian();
        SequenceBatch train = truth.sample(40, 80, 21).observations();
        SequenceBatch heldOut = truth.sample(40, 80, 22).observations();
        BaumWelch trainer = BaumWelch.builder().states(2).gaussian(CovarianceType.FULL).seed(5).nInit(2).build();
        INDArray completeMeans = sortedMeans(trainer.fit(train));
        double previousDistance = Double.POSITIVE_INFINITY;
        for (double fraction : new double[]{0.3, 0.1}) {
            SequenceBatch gappy = withGaps(train, fraction, 31);
            SequenceBatch gappyHeldOut = withGaps(heldOut, fraction, 32);
            HiddenMarkovModel fromGaps = trainer.fit(gappy);
            HiddenMarkovModel fromFilled = trainer.fit(meanFilled(gappy));
            double gapsScore = fromGaps.logProb(gappyHeldOut).sumNumber().doubleValue();
            double filledScore = fromFilled.logProb(gappyHeldOut).sumNumber().doubleValue();
            assertTrue(gapsScore > filledScore, fraction + " missing: " + gapsScore + " vs mean-filled " + filledScore);
            double distance = sortedMeans(fromGaps).distance2(completeMeans);
            assertTrue(distance < previousDistance, fraction + " missing: means " + distance + " from the complete fit's");
            previousDistance = distance;
        }
        SequenceBatch notAtRandom = largeValuesMissing(train, 1, 0.5);
        double gapsScore = trainer.fit(notAtRandom).logProb(largeValuesMissing(heldOut, 1, 0.5)).sumNumber().doubleValue();
        double filledScore = trainer.fit(meanFilled(notAtRandom)).logProb(largeValuesMissing(heldOut, 1, 0.5)).sumNumber().doubleValue();
        assertTrue(gapsScore > filledScore, "not at random: " + gapsScore + " vs mean-filled " + filledScore);
    }

    /** A pass whose chunks mix complete and gappy sequences sums the same statistics as one pass over all of them. */
    @Test
    void streamedChunksWithAndWithoutGapsEqualOnePass() {
        SequenceBatch all = correlatedGaussian().sample(30, 50, 41).observations();
        List<INDArray> sequences = new ArrayList<>(all.sequences());
        SequenceBatch gappyHalf = withGaps(SequenceBatch.of(sequences.subList(15, 30)), 0.2, 42);
        SequenceBatch completeHalf = SequenceBatch.of(sequences.subList(0, 15));
        List<INDArray> joined = new ArrayList<>(completeHalf.sequences());
        joined.addAll(gappyHalf.sequences());
        HiddenMarkovModel start = correlatedGaussian();            // one start for both (k-means would see other rows)
        BaumWelch trainer = BaumWelch.builder().states(2).gaussian(CovarianceType.FULL).emission(start.emission())
                .startProb(start.startProb()).transMat(start.transMat()).tol(0).maxIter(8).build();
        double[] inMemory = trainer.fit(SequenceBatch.of(joined)).fitSummary().history();
        double[] streamed = trainer.fit(List.of(completeHalf, gappyHalf)).fitSummary().history();
        assertEquals(inMemory.length, streamed.length);
        for (int i = 0; i < inMemory.length; i++) {
            assertEquals(inMemory[i], streamed[i], 1e-9 * Math.abs(inMemory[i]), "iteration " + i);
        }
    }

    @Test
    void whatCannotBeLearnedIsNamed() {
        double[][] noSecond = {{0.1, NAN}, {0.5, NAN}, {0.9, NAN}, {1.4, NAN}};
        Gen4jException e = assertThrows(Gen4jException.class, () -> BaumWelch.builder().states(2).gaussian(CovarianceType.DIAG)
                .build().fit(SequenceBatch.of(Nd4j.createFromArray(noSecond))));
        assertTrue(e.getMessage().contains("column 1 is missing in every row"), e.getMessage());
        e = assertThrows(Gen4jException.class, () -> KnownHmms.twoStateMixture().logProb(
                SequenceBatch.of(Nd4j.createFromArray(new double[][]{{1.0}, {NAN}}))));
        assertTrue(e.getMessage().contains("Gaussian-mixture emissions take no missing values"), e.getMessage());
        e = assertThrows(Gen4jException.class, () -> SequenceBatch.of(Nd4j.createFromArray(new double[][]{{0}, {Double.POSITIVE_INFINITY}})));
        assertTrue(e.getMessage().contains("Infinity at row 1"), e.getMessage());
    }

    /** Each value missing with the given probability (missing completely at random). */
    static SequenceBatch withGaps(SequenceBatch batch, double fraction, long seed) {
        Random random = new Random(seed);
        List<INDArray> out = new ArrayList<>();
        for (INDArray sequence : batch.sequences()) {
            double[][] values = sequence.toDoubleMatrix();
            for (double[] row : values) {
                for (int a = 0; a < row.length; a++) {
                    if (random.nextDouble() < fraction) {
                        row[a] = NAN;
                    }
                }
            }
            out.add(Nd4j.createFromArray(values));
        }
        return SequenceBatch.of(out);
    }

    /** Column {@code column}'s values above its {@code quantile} removed: missing not at random. */
    private static SequenceBatch largeValuesMissing(SequenceBatch batch, int column, double quantile) {
        double[] all = batch.concatenated().getColumn(column).toDoubleVector();
        double[] sorted = all.clone();
        java.util.Arrays.sort(sorted);
        double cut = sorted[(int) (quantile * (sorted.length - 1))];
        List<INDArray> out = new ArrayList<>();
        for (INDArray sequence : batch.sequences()) {
            double[][] values = sequence.toDoubleMatrix();
            for (double[] row : values) {
                if (row[column] > cut) {
                    row[column] = NAN;
                }
            }
            out.add(Nd4j.createFromArray(values));
        }
        return SequenceBatch.of(out);
    }

    private static SequenceBatch meanFilled(SequenceBatch batch) {
        double[][] all = batch.concatenated().toDoubleMatrix();
        double[] means = org.gen4j.stats.MissingValues.observedColumnMeans(all, List.of());
        List<INDArray> out = new ArrayList<>();
        for (INDArray sequence : batch.sequences()) {
            out.add(Nd4j.createFromArray(org.gen4j.stats.MissingValues.filled(sequence.toDoubleMatrix(), means)));
        }
        return SequenceBatch.of(out);
    }

    /** The states' means in order of their first coordinate, so that two fits compare state by state. */
    private static INDArray sortedMeans(HiddenMarkovModel hmm) {
        double[][] means = ((GaussianEmission) hmm.emission()).gaussians().means().toDoubleMatrix();
        java.util.Arrays.sort(means, java.util.Comparator.comparingDouble(row -> row[0]));
        return Nd4j.createFromArray(means);
    }
}
