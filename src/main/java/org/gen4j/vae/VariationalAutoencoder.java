package org.gen4j.vae;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.core.AnomalyScorer;
import org.gen4j.core.ConditionalSampler;
import org.gen4j.core.DensityModel;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.LatentModel;
import org.gen4j.core.Provenance;
import org.gen4j.core.Sampler;
import org.gen4j.data.OneHotTable;
import org.gen4j.nn.ObservationLoss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * A trained variational autoencoder: an encoder q(z | x), a decoder p(x | z) and the prior N(0, I).
 *
 * <pre>{@code
 * VariationalAutoencoder vae = new VaeTrainer(VaeArchitecture.mlp(64).latent(8).build()).epochs(30).fit(x);
 * INDArray features = vae.encode(x).mean();        // [n, 8], the learned features
 * INDArray fakes = vae.sample(16, 42);             // [16, 64], decoder means of 16 prior draws
 * }</pre>
 *
 * <p>{@link #logProb} is the importance-weighted estimate of log p(x) with {@value #DEFAULT_IMPORTANCE_SAMPLES}
 * samples (a lower bound that tightens as K grows; {@link #elbo} is its K = 1 case). {@link #score} is its negative;
 * {@link #reconstructionLogProb} is An &amp; Cho's reconstruction probability. Images come back as
 * {@code [n, c, h, w]} (from conv and MLP models trained on images), tabular data as {@code [n, d]}. Conditional models take a class label per row.
 * Estimates that draw noise take a seed, and a fixed default one, so the same call gives the same numbers.
 */
public final class VariationalAutoencoder implements GenerativeModel, Sampler<INDArray>, DensityModel<INDArray>,
        LatentModel<INDArray, LatentPosterior>, AnomalyScorer<INDArray>, ConditionalSampler {

    public static final String MODEL_TYPE = "variational-autoencoder";
    public static final int DEFAULT_IMPORTANCE_SAMPLES = 64;
    private static final long DEFAULT_SEED = 0;   // any fixed seed: Seeds makes 0 reproducible too

    private final VaeArchitecture architecture;
    private final ComputationGraph training;
    private ComputationGraph encoder;    // built on first use, sharing the training graph's parameters: a trainer
    private ComputationGraph decoder;    // makes a model after every epoch, and building both took ~0.1 s of each
    private final ObservationLoss likelihood;
    private final VaeHistory history;
    private final Provenance provenance;

    VariationalAutoencoder(VaeArchitecture architecture, ComputationGraph training, VaeHistory history, Provenance provenance) {
        this.architecture = architecture;
        this.training = training;
        this.likelihood = architecture.newObservationLoss();
        this.history = history;
        this.provenance = provenance;
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    public VaeArchitecture architecture() {
        return architecture;
    }

    /** Epochs trained and the metrics of each. */
    public VaeHistory history() {
        return history;
    }

    /**
     * A copy of the DL4J training graph (inputs x, eps[, label]; outputs reconstruction, kl) with its updater state,
     * to inspect or train further with DL4J: a fitted model is a snapshot, and changing the copy leaves it as it is.
     */
    public ComputationGraph network() {
        return org.gen4j.nn.SharedParameters.copy(training);
    }

    /** The graph itself, for this package's trainer and codec only. */
    ComputationGraph trainingGraph() {
        return training;
    }

    /** How many numbers the networks learn. */
    public long parameterCount() {
        return training.numParams();
    }

    /** An independent copy (parameters, updater state, counters): a snapshot that further training does not touch. */
    public VariationalAutoencoder copy() {
        return new VariationalAutoencoder(architecture, org.gen4j.nn.SharedParameters.copy(training), history, provenance);
    }

    public int latentSize() {
        return architecture.latentSize();
    }

    /** The floating-point type of the networks (float32 unless trained otherwise, see {@link VaeTrainer#dataType}). */
    public DataType dataType() {
        return training.params().dataType();
    }

    // ---- features ------------------------------------------------------------------------------------------

    /** q(z | x) of an unconditional model. */
    public LatentPosterior encode(INDArray x) {
        return encode(x, null);
    }

    /** q(z | x, y) of a conditional model ({@code labels} may be null for an unconditional one). */
    public LatentPosterior encode(INDArray x, int[] labels) {
        INDArray rows = VaeInputs.rows(architecture, x, "data", dataType());
        INDArray parameters = latentParameters(rows, VaeInputs.labels(architecture, labels, rows.rows()));
        long latent = latentSize();
        INDArray mean = parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).dup();
        INDArray variance = Transforms.exp(parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)), true);
        return new LatentPosterior(mean, variance);
    }

    @Override
    public LatentPosterior posterior(INDArray x) {
        return encode(x);
    }

    // ---- generation ----------------------------------------------------------------------------------------

    /** The decoder's mean for each latent point {@code z [n, latent]}. */
    public INDArray decode(INDArray z) {
        return decode(z, null);
    }

    public INDArray decode(INDArray z, int[] labels) {
        INDArray points = latentPoints(z);
        return shaped(likelihood.mean(decoderOutput(points, VaeInputs.labels(architecture, labels, points.rows()))));
    }

    /** Decoder means of {@code n} draws from the prior: the usual pictures of a VAE's samples. */
    @Override
    public INDArray sample(int n, long seed) {
        return decode(priorDraws(n, seed));
    }

    @Override
    public int classes() {
        return architecture.classes();
    }

    /** Conditional samples: {@code n} decoder means of the given class. */
    @Override
    public INDArray sample(int n, long seed, int label) {
        int[] labels = new int[n];
        Arrays.fill(labels, label);
        return decode(priorDraws(n, seed), labels);
    }

    /** Draws x ~ p(x | z) with z ~ N(0, I): samples with the likelihood's noise (pixels 0/1 for Bernoulli). */
    public INDArray sampleObservations(int n, long seed) {
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        INDArray z = Nd4j.randn(Nd4j.create(dataType(), requirePositive(n), latentSize()), random);
        return shaped(likelihood.sample(decoderOutput(z, unconditional()), random));
    }

    /**
     * Rows drawn from a VAE of a discrete table, as a table of states (the model must know its variables: trained
     * from {@link OneHotTable} data with {@code VaeArchitecture...variables(...)}).
     */
    public org.gen4j.data.DiscreteTable sampleTable(int n, long seed) {
        if (architecture.variables().isEmpty()) {
            throw new Gen4jException("this VAE knows no discrete variables: sampleTable is for categorical VAEs built with variables(...)");
        }
        return OneHotTable.decode(sampleObservations(n, seed), architecture.variables());
    }

    /** Reconstructions: the decoder mean at the encoder mean of each row. */
    public INDArray reconstruct(INDArray x) {
        return reconstruct(x, null);
    }

    public INDArray reconstruct(INDArray x, int[] labels) {
        LatentPosterior q = encode(x, labels);
        return decode(q.mean(), labels);
    }

    /** Decoder means along the straight line between the encodings of two inputs, both ends included. */
    public INDArray interpolate(INDArray from, INDArray to, int steps) {
        INDArray ends = encode(Nd4j.concat(0, oneRow(from), oneRow(to))).mean();
        return decode(line(ends.getRow(0, true), ends.getRow(1, true), steps));
    }

    /** Decoder means along the straight line between two latent points {@code [latent]} or {@code [1, latent]}. */
    public INDArray interpolateLatent(INDArray z0, INDArray z1, int steps) {
        return decode(line(latentPoints(z0.reshape(1, z0.length())), latentPoints(z1.reshape(1, z1.length())), steps));
    }

    // ---- missing values ------------------------------------------------------------------------------------

    /** Rounds of the imputation chain when none are given. */
    public static final int DEFAULT_IMPUTATION_ROUNDS = 100;

    /**
     * The data with its missing values (NaN) filled in by pseudo-Gibbs sampling ({@link GapFilling}): the average
     * decoder mean of the gaps over the chain's second half, an approximation of E[x_M | x_O]. Observed values are
     * kept. Approximate, since the encoder only approximates p(z | x).
     * <pre>{@code
     * INDArray completed = vae.impute(rowsWithGaps, 100, 1);     // same shape, no NaN left
     * }</pre>
     */
    public INDArray impute(INDArray x, int rounds, long seed) {
        return shaped(gapFilling().fill(gappyRows(x), dataType(), requirePositive(rounds), seed, false));
    }

    /** One draw of the gaps after {@code rounds} of the chain: call with seeds 1..K for K imputed data sets. */
    public INDArray imputeSample(INDArray x, int rounds, long seed) {
        return shaped(gapFilling().fill(gappyRows(x), dataType(), requirePositive(rounds), seed, true));
    }

    private INDArray gappyRows(INDArray x) {
        if (architecture.conditional()) {
            throw new Gen4jException("imputation is for unconditional VAEs; this one needs a class label per row");
        }
        return VaeInputs.rowsWithGaps(architecture, x, "data", dataType());
    }

    private GapFilling gapFilling() {
        return new GapFilling(new GapFilling.Networks() {
            @Override
            public INDArray latentParameters(INDArray rows) {
                return VariationalAutoencoder.this.latentParameters(rows, null);
            }

            @Override
            public INDArray decoderOutput(INDArray z) {
                return VariationalAutoencoder.this.decoderOutput(z, null);
            }
        }, likelihood, latentSize());
    }

    // ---- density and anomaly scores ------------------------------------------------------------------------

    /** The importance-weighted estimate of log p(x) with the default K and seed. */
    @Override
    public INDArray logProb(INDArray x) {
        return logProb(x, DEFAULT_IMPORTANCE_SAMPLES, DEFAULT_SEED);
    }

    /**
     * {@code log (1/K) sum_k p(x, z_k) / q(z_k | x)} with {@code z_k ~ q(z | x)} (Burda et al. 2016): a lower bound on
     * log p(x) that never loosens as K grows. {@code [n]}, float64.
     */
    public INDArray logProb(INDArray x, int samples, long seed) {
        return importanceWeighted(x, null, samples, seed, false);
    }

    public INDArray logProb(INDArray x, int[] labels, int samples, long seed) {
        return importanceWeighted(x, labels, samples, seed, false);
    }

    /** The evidence lower bound per sample, {@code E_q[log p(x|z)] - KL(q || p)}, averaged over {@code samples} draws. */
    public INDArray elbo(INDArray x, int samples, long seed) {
        return importanceWeighted(x, null, samples, seed, true);
    }

    public INDArray elbo(INDArray x, int[] labels, int samples, long seed) {
        return importanceWeighted(x, labels, samples, seed, true);
    }

    /** {@code -logProb(x)}: higher = more anomalous. */
    @Override
    public INDArray score(INDArray x) {
        return logProb(x).neg();
    }

    /**
     * An &amp; Cho's reconstruction probability: {@code E_q[log p(x | z)]} over {@code samples} draws of z ~ q(z|x),
     * per row. Its negative is an anomaly score that ignores the prior.
     */
    public INDArray reconstructionLogProb(INDArray x, int samples, long seed) {
        INDArray rows = VaeInputs.rows(architecture, x, "data", dataType());
        return estimator().reconstructionLogProb(rows, null, samples, seed);
    }

    /** The reconstruction probability as an {@link AnomalyScorer}. */
    public AnomalyScorer<INDArray> reconstructionScorer(int samples) {
        return data -> reconstructionLogProb(data, samples, DEFAULT_SEED).neg();
    }

    private INDArray importanceWeighted(INDArray x, int[] labels, int samples, long seed, boolean averageBound) {
        INDArray rows = VaeInputs.rows(architecture, x, "data", dataType());
        INDArray oneHot = VaeInputs.labels(architecture, labels, rows.rows());
        return averageBound ? estimator().elbo(rows, oneHot, samples, seed) : estimator().logProb(rows, oneHot, samples, seed);
    }

    private LatentEstimator estimator() {
        return new LatentEstimator(new LatentEstimator.Networks() {
            @Override
            public INDArray latentParameters(INDArray rows, INDArray oneHot) {
                return VariationalAutoencoder.this.latentParameters(rows, oneHot);
            }

            @Override
            public INDArray decoderOutput(INDArray z, INDArray oneHot) {
                return VariationalAutoencoder.this.decoderOutput(z, oneHot);
            }
        }, likelihood, latentSize());
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    INDArray latentParameters(INDArray rows, INDArray oneHot) {
        return encoder().output(false, VaeInputs.withLabels(rows, oneHot))[0];
    }

    private synchronized ComputationGraph encoder() {
        if (encoder == null) {
            encoder = VaeNetworks.encoder(architecture, training);
        }
        return encoder;
    }

    private synchronized ComputationGraph decoder() {
        if (decoder == null) {
            decoder = VaeNetworks.decoder(architecture, training);
        }
        return decoder;
    }

    /** The decoder's raw outputs as rows {@code [n, d * outputsPerFeature]}. */
    INDArray decoderOutput(INDArray z, INDArray oneHot) {
        INDArray out = decoder().output(false, VaeInputs.withLabels(z, oneHot))[0];
        return out.rank() == 2 ? out : out.reshape('c', out.size(0), out.length() / out.size(0));
    }

    private INDArray shaped(INDArray rowsOut) {
        if (!architecture.images()) {
            return rowsOut;
        }
        long[] s = architecture.dataShape();
        return rowsOut.reshape('c', rowsOut.size(0), s[0], s[1], s[2]);
    }

    private INDArray priorDraws(int n, long seed) {
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        return Nd4j.randn(Nd4j.create(dataType(), requirePositive(n), latentSize()), random);
    }

    private INDArray unconditional() {
        if (architecture.conditional()) {
            throw new Gen4jException("this conditional VAE needs a class label: use sample(n, seed, label)");
        }
        return null;
    }

    private INDArray latentPoints(INDArray z) {
        if (z == null || z.rank() != 2 || z.columns() != latentSize()) {
            throw new Gen4jException("latent points must be [n, " + latentSize() + "], got "
                    + (z == null ? "null" : Arrays.toString(z.shape())));
        }
        org.gen4j.data.DataChecks.requireFiniteMatrix(z, latentSize(), "latent points");
        return z.castTo(dataType());
    }

    private INDArray oneRow(INDArray x) {
        return x.rank() == 1 ? x.reshape(1, x.length()) : x.rank() == architecture.dataShape().length ? x.reshape(prepend(x.shape())) : x;
    }

    private static long[] prepend(long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = 1;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    private static INDArray line(INDArray z0, INDArray z1, int steps) {
        if (steps < 2) {
            throw new Gen4jException("an interpolation needs at least 2 steps, got " + steps);
        }
        INDArray t = Nd4j.linspace(0, 1, steps, z0.dataType()).reshape(steps, 1);
        INDArray delta = z1.sub(z0);
        return t.mmul(delta).addiRowVector(z0);
    }

    private static int requirePositive(int n) {
        if (n < 1) {
            throw new Gen4jException("need at least 1, got " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return "VariationalAutoencoder(" + architecture + "; " + training.numParams() + " parameters; " + history + ")";
    }
}
