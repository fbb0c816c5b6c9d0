package org.gen4j.hmm;

import org.gen4j.core.AnomalyScorer;
import org.gen4j.core.DensityModel;
import org.gen4j.core.FitSummary;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.LatentModel;
import org.gen4j.core.Provenance;
import org.gen4j.core.Sampler;
import org.gen4j.data.SequenceBatch;
import org.gen4j.stats.ComputeWorkspace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A fitted hidden Markov model: start probabilities π {@code [K]}, transition matrix A {@code [K, K]} and an
 * {@link Emission} per state. An immutable value; fit one with {@link BaumWelch}.
 *
 * <pre>{@code
 * HiddenMarkovModel hmm = BaumWelch.builder().states(2).gaussian(CovarianceType.DIAG).seed(1).build().fit(batch);
 * INDArray ll = hmm.logProb(batch);                  // [sequences] log p(x_1..T)
 * List<Viterbi.Path> paths = hmm.viterbi(batch);     // most likely state path per sequence
 * }</pre>
 *
 * All inference is in scaled or log space, batched over the sequences of a {@link SequenceBatch}.
 */
public final class HiddenMarkovModel implements GenerativeModel, Sampler<SequenceBatch>, DensityModel<SequenceBatch>,
        LatentModel<SequenceBatch, List<INDArray>>, AnomalyScorer<SequenceBatch>, java.io.Serializable {
    public static final String MODEL_TYPE = "hidden-markov-model";

    private final INDArray startProb;    // [K]
    private final INDArray transMat;     // [K, K]
    private final Emission emission;
    private final FitSummary fit;
    private final Provenance provenance;

    HiddenMarkovModel(INDArray startProb, INDArray transMat, Emission emission, FitSummary fit, Provenance provenance) {
        int k = emission.states();
        if (startProb.rank() != 1 || startProb.length() != k) {
            throw new Gen4jException("start probabilities must have shape [" + k + "], got " + Arrays.toString(startProb.shape()));
        }
        if (!Arrays.equals(transMat.shape(), new long[]{k, k})) {
            throw new Gen4jException("the transition matrix must have shape [" + k + ", " + k + "], got "
                    + Arrays.toString(transMat.shape()));
        }
        HmmChecks.requireStochasticRows(startProb.reshape(1, k), "start probabilities");
        HmmChecks.requireStochasticRows(transMat, "transition matrix");
        this.startProb = startProb;
        this.transMat = transMat;
        this.emission = emission;
        this.fit = fit;
        this.provenance = provenance;
    }

    /** A model from given parameters, e.g. to generate data from a known HMM. */
    public static HiddenMarkovModel of(INDArray startProb, INDArray transMat, Emission emission) {
        return new HiddenMarkovModel(startProb.castTo(DataType.DOUBLE), transMat.castTo(DataType.DOUBLE), emission,
                FitSummary.NOT_FITTED, Provenance.handMade("HiddenMarkovModel.of"));
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    public int states() {
        return emission.states();
    }

    /** @return {@code [K]} */
    public INDArray startProb() {
        return startProb.dup();
    }

    /** @return {@code [K, K]}, row i = p(next state | state i) */
    public INDArray transMat() {
        return transMat.dup();
    }

    public Emission emission() {
        return emission;
    }

    public FitSummary fitSummary() {
        return fit;
    }

    public boolean converged() {
        return fit.converged();
    }

    public int nIter() {
        return fit.iterations();
    }

    /** The emission log-likelihoods of every step, sequences concatenated: {@code [Σ T_i, K]}. */
    INDArray logEmission(SequenceBatch batch) {
        if (batch.dimensions() != emission.dimensions()) {
            throw new Gen4jException("the sequences have " + batch.dimensions() + " columns, the model expects "
                    + emission.dimensions());
        }
        INDArray all = batch.concatenated().castTo(startProb.dataType());
        emission.check(all);
        return emission.logLikelihood(all);
    }

    /**
     * The emission log-likelihoods as plain values; the tensor work runs in a workspace, since its temporaries
     * (a few times the data's size) would otherwise be fresh native allocations on every call.
     */
    private double[] logEmissionValues(SequenceBatch batch) {
        try (MemoryWorkspace ignored = ComputeWorkspace.open("gen4j-hmm-inference")) {
            return ForwardBackward.values(logEmission(batch));
        }
    }

    ForwardBackward.Result forwardBackward(SequenceBatch batch, boolean backward) {
        return ForwardBackward.run(startProb, transMat, logEmissionValues(batch), states(), batch.lengths(), backward,
                startProb.dataType());
    }

    /** @return {@code [sequences]} log p(x_1..T_i) of each sequence */
    @Override
    public INDArray logProb(SequenceBatch batch) {
        return Nd4j.createFromArray(forwardBackward(batch, false).logLikelihood());
    }

    /** State posteriors p(z_t | x), one {@code [T_i, K]} array per sequence (rows sum to 1). */
    @Override
    public List<INDArray> posterior(SequenceBatch batch) {
        return batch.split(forwardBackward(batch, true).posteriors());
    }

    /** The most likely state path of each sequence, with its joint log-probability log p(x, path). */
    public List<Viterbi.Path> viterbi(SequenceBatch batch) {
        return List.of(Viterbi.decode(startProb, transMat, logEmissionValues(batch), states(), batch.lengths()));
    }

    /** The most probable state at each step on its own (posterior decoding). */
    public List<int[]> decodePosterior(SequenceBatch batch) {
        List<int[]> decoded = new ArrayList<>();
        for (INDArray p : posterior(batch)) {
            decoded.add(Nd4j.argMax(p, 1).toIntVector());
        }
        return decoded;
    }

    /**
     * Each sequence with its missing values (NaN) filled in from the smoothed state posteriors p(z_t | x): Gaussian
     * gaps by Σ_k p(z_t = k | x) E[x_t,M | x_t,O, k], Poisson gaps by their posterior mean, categorical gaps by the
     * most probable symbol. Observed values are kept as they are.
     * <pre>{@code
     * List<INDArray> completed = hmm.impute(sequencesWithGaps);       // one [T_i, d] per sequence
     * }</pre>
     */
    public List<INDArray> impute(SequenceBatch batch) {
        List<INDArray> posteriors = posterior(batch);
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            double[][] steps = batch.sequence(i).castTo(DataType.DOUBLE).toDoubleMatrix();
            out.add(Nd4j.createFromArray(emission.imputeExpected(steps, posteriors.get(i).castTo(DataType.DOUBLE).toDoubleMatrix()))
                    .castTo(startProb.dataType()));
        }
        return out;
    }

    /**
     * One draw of every sequence's missing values from their joint posterior: a whole state path from p(z | x)
     * ({@link PosteriorPaths}), then each gap from its state's emission given the step's observed values. Call with
     * seeds 1..K for K multiply imputed data sets.
     */
    public List<INDArray> imputeSample(SequenceBatch batch, long seed) {
        Random random = new Random(seed);
        List<int[]> paths = PosteriorPaths.draw(startProb.toDoubleVector(), transMat.toDoubleMatrix(), logEmissionValues(batch),
                states(), batch.lengths(), random);
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            double[][] steps = batch.sequence(i).castTo(DataType.DOUBLE).toDoubleMatrix();
            out.add(Nd4j.createFromArray(emission.imputeDrawn(steps, paths.get(i), random)).castTo(startProb.dataType()));
        }
        return out;
    }

    /** −log p(x) per sequence: the anomaly score of a whole sequence. @return {@code [sequences]} */
    @Override
    public INDArray score(SequenceBatch batch) {
        return logProb(batch).negi();
    }

    /**
     * The surprise of each step given the steps before it, −log p(x_t | x_{<t}), from the forward pass: a per-step
     * anomaly score. @return one {@code [T_i]} array per sequence
     */
    public List<INDArray> stepSurprise(SequenceBatch batch) {
        return batch.split(forwardBackward(batch, false).stepLogPredictive().neg());
    }

    /** One sequence of n steps (as hmmlearn's {@code sample(n)}). */
    @Override
    public SequenceBatch sample(int n, long seed) {
        return sample(1, n, seed).observations();
    }

    /** Sampled sequences with the hidden states that produced them. */
    public record Sampled(SequenceBatch observations, List<int[]> states) {
    }

    /**
     * @param sequences how many sequences
     * @param length    steps per sequence
     */
    public Sampled sample(int sequences, int length, long seed) {
        if (sequences < 1 || length < 1) {
            throw new Gen4jException("need at least one sequence of at least one step, got " + sequences + " x " + length);
        }
        Random random = new Random(seed);
        double[] pi = startProb.toDoubleVector();
        double[][] a = transMat.toDoubleMatrix();
        List<int[]> paths = new ArrayList<>();
        List<INDArray> observations = new ArrayList<>();
        for (int s = 0; s < sequences; s++) {
            int[] path = new int[length];
            path[0] = HmmChecks.draw(pi, random.nextDouble());
            for (int t = 1; t < length; t++) {
                path[t] = HmmChecks.draw(a[path[t - 1]], random.nextDouble());
            }
            paths.add(path);
            observations.add(emission.sample(path, random.nextLong()));
        }
        return new Sampled(SequenceBatch.of(observations, idsOf(sequences), provenance.columns()), paths);
    }

    private static List<String> idsOf(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.valueOf(i));
        }
        return ids;
    }

    /** Free parameters: start (K − 1), transitions K(K − 1) and the emission's. */
    public long parameterCount() {
        int k = states();
        return (k - 1) + (long) k * (k - 1) + emission.parameterCount();
    }

    /** −2 log L + p log N, with N the number of observed steps; lower is better. */
    public double bic(SequenceBatch batch) {
        return -2 * logProb(batch).sumNumber().doubleValue() + parameterCount() * Math.log(batch.totalSteps());
    }

    /** −2 log L + 2p; lower is better. */
    public double aic(SequenceBatch batch) {
        return -2 * logProb(batch).sumNumber().doubleValue() + 2 * parameterCount();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("HiddenMarkovModel(states=").append(states()).append(", emission=")
                .append(emission.kind());
        if (fit.iterations() > 0) {
            s.append(", ").append(fit.converged() ? "converged" : "not converged").append(" after ")
                    .append(fit.iterations()).append(" iterations, log-likelihood ").append(String.format("%.4f", fit.finalValue()));
        }
        s.append(")\n  start      ").append(format(startProb.toDoubleVector())).append('\n');
        double[][] a = transMat.toDoubleMatrix();
        for (int i = 0; i < Math.min(a.length, 10); i++) {
            s.append(i == 0 ? "  transitions" : "             ").append(format(a[i])).append('\n');
        }
        s.append("  ").append(emission).append('\n');
        return s.toString();
    }

    private static String format(double[] v) {
        StringBuilder s = new StringBuilder(" [");
        for (int i = 0; i < Math.min(v.length, 10); i++) {
            s.append(i > 0 ? ", " : "").append(String.format("%.4f", v[i]));
        }
        return s.append(v.length > 10 ? ", ...]" : "]").toString();
    }
}
