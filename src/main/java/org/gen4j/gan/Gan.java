package org.gen4j.gan;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.core.AnomalyScorer;
import org.gen4j.core.ConditionalSampler;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.Provenance;
import org.gen4j.core.Sampler;
import org.gen4j.data.DataChecks;
import org.gen4j.nn.SharedParameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Arrays;
import java.util.Map;

/**
 * A trained generative adversarial network: a generator x = G(z) with z ~ N(0, I), and the discriminator (or critic)
 * it was trained against.
 *
 * <pre>{@code
 * Gan gan = new GanTrainer(GanArchitecture.dcgan(1, 8, 8).build()).epochs(30).fit(images);
 * INDArray fakes = gan.sample(64, 1);            // [64, 1, 8, 8]; the averaged generator when training kept one
 * INDArray oddness = gan.score(images);          // anomaly score: -D's logit (higher = less like the data)
 * }</pre>
 *
 * <p>A GAN has no density: it is a {@link Sampler} and an {@link AnomalyScorer}. With an exponential moving average
 * of the generator's weights (see {@link GanTrainer#emaDecay}), sampling uses the averaged weights.
 */
public final class Gan implements GenerativeModel, Sampler<INDArray>, AnomalyScorer<INDArray>, ConditionalSampler {
    public static final String MODEL_TYPE = "gan";

    private final GanArchitecture architecture;
    private final ComputationGraph combined;
    private final ComputationGraph discriminator;
    private final ComputationGraph generator;
    private final ComputationGraph averagedGenerator;
    private final ImportedGenerator imported;
    private final GanHistory history;
    private final Provenance provenance;

    /**
     * @param averagedWeights the generator's weight average, or null
     */
    Gan(GanArchitecture architecture, ImportedGenerator imported, ComputationGraph combined, ComputationGraph discriminator,
        INDArray averagedWeights, GanHistory history, Provenance provenance) {
        this.architecture = architecture;
        this.imported = imported;
        this.combined = combined;
        this.discriminator = discriminator;
        this.generator = GanNetworks.generator(architecture, imported, combined);
        if (averagedWeights != null) {
            this.averagedGenerator = new ComputationGraph(GanNetworks.generatorConfiguration(architecture, imported,
                    combined.params().dataType()));
            this.averagedGenerator.init(averagedWeights, false);
        } else {
            this.averagedGenerator = null;
        }
        this.history = history;
        this.provenance = provenance;
    }

    /** A GAN from a new architecture and updaters, untrained. */
    static Gan untrained(GanArchitecture a, IUpdater generatorUpdater, IUpdater discriminatorUpdater, long seed, boolean average,
                         Provenance provenance, DataType dataType) {
        return untrained(a, null, null, generatorUpdater, discriminatorUpdater, seed, average, provenance, dataType);
    }

    /** A new GAN whose generator starts from {@code importedWeights} of an {@link ImportedGenerator} (or null for the architecture's). */
    static Gan untrained(GanArchitecture a, ImportedGenerator imported, INDArray importedWeights, IUpdater generatorUpdater,
                         IUpdater discriminatorUpdater, long seed, boolean average, Provenance provenance, DataType dataType) {
        ComputationGraph combined = GanNetworks.combined(a, imported, generatorUpdater, seed, dataType);
        ComputationGraph discriminator = GanNetworks.discriminator(a, discriminatorUpdater, combined);
        ComputationGraph generator = GanNetworks.generator(a, imported, combined);
        if (importedWeights != null) {
            if (importedWeights.length() != generator.numParams()) {
                throw new Gen4jException("the imported generator has " + importedWeights.length() + " parameters, its copy here " + generator.numParams());
            }
            generator.params().assign(importedWeights.reshape(generator.params().shape()).castTo(generator.params().dataType()));
        }
        INDArray weights = average ? generator.params().dup() : null;
        return new Gan(a, imported, combined, discriminator, weights, GanHistory.EMPTY, provenance);
    }

    /** The floating-point type of the networks (float32 unless trained otherwise, see {@link GanTrainer#dataType}). */
    public DataType dataType() {
        return combined.params().dataType();
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    public GanArchitecture architecture() {
        return architecture;
    }

    public GanHistory history() {
        return history;
    }

    /**
     * A copy of the combined graph z -> G -> frozen D, which owns all parameters and the generator's updater state:
     * a fitted model is a snapshot, and changing the copy (training it with DL4J) leaves it as it is.
     */
    public ComputationGraph network() {
        return copy().combined;
    }

    /** A copy of the discriminator graph with its own updater state (a view of {@link #network()}'s parameters). */
    public ComputationGraph discriminatorNetwork() {
        return copy().discriminator;
    }

    /** A copy of the generator graph. */
    public ComputationGraph generatorNetwork() {
        return copy().generator;
    }

    /** How many numbers the generator learns. */
    public long generatorParameterCount() {
        return generator.numParams();
    }

    /** How many numbers the discriminator learns. */
    public long discriminatorParameterCount() {
        return discriminator.numParams();
    }

    /** The graphs themselves (sharing one parameter vector), for this package's trainer, codec and inversion only. */
    ComputationGraph combinedGraph() {
        return combined;
    }

    ComputationGraph discriminatorGraph() {
        return discriminator;
    }

    ComputationGraph generatorGraph() {
        return generator;
    }

    /** The generator made elsewhere that this GAN fine-tunes, or null for one built from the architecture. */
    public ImportedGenerator importedGenerator() {
        return imported;
    }

    boolean channelsLast() {
        return imported != null && imported.channelsLast();
    }

    /** The generator's weight average, or null when training kept none. */
    public INDArray averagedGeneratorWeights() {
        return averagedGenerator == null ? null : averagedGenerator.params();
    }

    Gan withHistory(GanHistory newHistory) {
        return new Gan(architecture, imported, combined, discriminator, averagedGeneratorWeights(), newHistory, provenance);
    }

    /** An independent copy with both updater states: a snapshot that further training does not touch. */
    public Gan copy() {
        ComputationGraph combinedCopy = SharedParameters.copy(combined);
        IUpdater dUpdater = discriminator.getLayer(GanNetworks.DISCRIMINATOR_OUT).getConfig().getUpdaterByParam("W");   // a dense layer
        ComputationGraph discriminatorCopy = GanNetworks.discriminator(architecture, dUpdater.clone(), combinedCopy);
        copyUpdaterState(discriminator, discriminatorCopy);
        INDArray average = averagedGenerator == null ? null : averagedGenerator.params().dup();
        return new Gan(architecture, imported, combinedCopy, discriminatorCopy, average, history, provenance);
    }

    static void copyUpdaterState(ComputationGraph from, ComputationGraph to) {
        INDArray state = from.getUpdater() == null ? null : from.getUpdater().getStateViewArray();
        if (state != null) {
            to.getUpdater().getStateViewArray().assign(state);
        }
        to.getConfiguration().setIterationCount(from.getConfiguration().getIterationCount());
        to.getConfiguration().setEpochCount(from.getConfiguration().getEpochCount());
    }

    public int latentSize() {
        return architecture.latentSize();
    }

    // ---- generation ----------------------------------------------------------------------------------------

    @Override
    public INDArray sample(int n, long seed) {
        return generate(noise(n, seed));
    }

    @Override
    public int classes() {
        return architecture.classes();
    }

    /** {@code n} samples of one class (conditional GANs). */
    @Override
    public INDArray sample(int n, long seed, int label) {
        int[] labels = new int[n];
        Arrays.fill(labels, label);
        return generate(noise(n, seed), labels);
    }

    /** The generator's output for latent points {@code z [n, latent]}. */
    public INDArray generate(INDArray z) {
        return generate(z, null);
    }

    public INDArray generate(INDArray z, int[] labels) {
        INDArray points = latentPoints(z);
        INDArray[] inputs = GanInputs.withLabels(points, GanInputs.labels(architecture, labels, points.rows()));
        ComputationGraph g = averagedGenerator != null ? averagedGenerator : generator;
        return shaped(g.output(false, inputs)[0]);
    }

    /** Samples along the straight line between two latent points, both ends included. */
    public INDArray interpolate(INDArray z0, INDArray z1, int steps) {
        if (steps < 2) {
            throw new Gen4jException("an interpolation needs at least 2 steps, got " + steps);
        }
        INDArray from = latentPoints(z0.reshape(1, z0.length())), to = latentPoints(z1.reshape(1, z1.length()));
        INDArray t = Nd4j.linspace(0, 1, steps, dataType()).reshape(steps, 1);
        return generate(t.mmul(to.sub(from)).addiRowVector(from));
    }

    /** Seeded noise z ~ N(0, I), {@code [n, latent]}. */
    public INDArray noise(int n, long seed) {
        if (n < 1) {
            throw new Gen4jException("need at least 1 sample, got " + n);
        }
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        return Nd4j.randn(Nd4j.create(dataType(), n, latentSize()), random);
    }

    // ---- discriminator uses --------------------------------------------------------------------------------

    /** The discriminator's logit (critic score for a WGAN) per row: higher = more like the training data. */
    public INDArray discriminatorScore(INDArray x) {
        return discriminatorScore(x, null);
    }

    public INDArray discriminatorScore(INDArray x, int[] labels) {
        INDArray data = GanInputs.data(architecture, x, "data", channelsLast(), dataType());
        return discriminatorActivations(data, labels).get(GanNetworks.DISCRIMINATOR_OUT).reshape(data.size(0)).castTo(DataType.DOUBLE);
    }

    /** Anomaly score: the negative discriminator logit (unconditional models). */
    @Override
    public INDArray score(INDArray x) {
        return discriminatorScore(x).neg();
    }

    // ---- latent inversion ----------------------------------------------------------------------------------

    /** Inversion steps of {@link #inversionError(INDArray)}. */
    public static final int DEFAULT_INVERSION_STEPS = 200;

    /**
     * For each row, the latent code whose sample comes closest and the mean squared error left (AnoGAN): Adam with
     * learning rate 0.05 for {@code steps} steps from prior draws of this seed, through the generator that samples.
     * Generators with batch normalization (DCGANs) are refused: see {@link LatentInversion}.
     */
    public LatentInversion.Result invert(INDArray x, int steps, long seed) {
        return LatentInversion.invert(this, rowsInDrawingOrder(x), steps, 0.05, seed);
    }

    /** Per-row reconstruction error after latent inversion: an anomaly score that needs no discriminator. */
    public INDArray inversionError(INDArray x) {
        return invert(x, DEFAULT_INVERSION_STEPS, 0).error();
    }

    /** {@link #inversionError} with {@code steps} steps as an {@link AnomalyScorer}. */
    public AnomalyScorer<INDArray> inversionScorer(int steps) {
        return data -> invert(data, steps, 0).error();
    }

    /** The weights of the generator that samples (the average when training kept one). */
    INDArray samplingGeneratorParams() {
        return averagedGenerator != null ? averagedGenerator.params() : generator.params();
    }

    /** The sampling generator's output as rows, in the order it draws values ([h, w, c] for channels-last). */
    INDArray generateRows(INDArray z) {
        ComputationGraph g = averagedGenerator != null ? averagedGenerator : generator;
        INDArray out = g.output(false, latentPoints(z))[0];
        return out.reshape('c', out.size(0), out.length() / out.size(0));
    }

    /** Data ({@code [n, c, h, w]} images or rows) as rows in the generator's drawing order. */
    private INDArray rowsInDrawingOrder(INDArray x) {
        INDArray data = GanInputs.data(architecture, x, "data", false, dataType());
        long[] s = architecture.dataShape();
        INDArray images = data.rank() == 4 ? data : architecture.images() ? data.reshape('c', data.size(0), s[0], s[1], s[2]) : null;
        if (images == null) {
            return data;
        }
        return channelsLast() ? org.gen4j.nn.ImageLayouts.channelsLastRows(images)
                : images.reshape('c', images.size(0), images.length() / images.size(0));
    }

    /** The discriminator's last hidden activations: features learned without labels. */
    public INDArray features(INDArray x) {
        INDArray data = GanInputs.data(architecture, x, "data", channelsLast(), dataType());
        Map<String, INDArray> activations = discriminatorActivations(data, null);
        int[] hidden = architecture.discriminatorHidden();
        String last = hidden.length > 0 ? "d" + (hidden.length - 1) : architecture.kind() == GanArchitecture.Kind.DCGAN ? "dFlat" : GanNetworks.X;   // LayerStacks names
        return activations.get(last).dup();
    }

    private Map<String, INDArray> discriminatorActivations(INDArray data, int[] labels) {
        INDArray[] inputs = GanInputs.withLabels(data, GanInputs.labels(architecture, labels, data.size(0)));
        return discriminator.feedForward(inputs, false);
    }

    private INDArray latentPoints(INDArray z) {
        if (z == null || z.rank() != 2 || z.columns() != latentSize()) {
            throw new Gen4jException("latent points must be [n, " + latentSize() + "], got " + (z == null ? "null" : Arrays.toString(z.shape())));
        }
        DataChecks.requireFiniteMatrix(z, latentSize(), "latent points");
        return z.castTo(dataType());
    }

    private INDArray shaped(INDArray out) {
        if (!architecture.images()) {
            return out;
        }
        long[] s = architecture.dataShape();
        if (channelsLast()) {
            return out.reshape('c', out.size(0), s[1], s[2], s[0]).permute(0, 3, 1, 2).dup('c');
        }
        return out.reshape('c', out.size(0), s[0], s[1], s[2]);
    }

    @Override
    public String toString() {
        return "Gan(" + architecture + "; G " + generator.numParams() + " + D " + discriminator.numParams() + " parameters; "
                + (averagedGenerator != null ? "weight-averaged generator; " : "") + history + ")";
    }
}
