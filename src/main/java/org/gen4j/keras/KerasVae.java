package org.gen4j.keras;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.AnomalyScorer;
import org.gen4j.core.DensityModel;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.LatentModel;
import org.gen4j.core.Provenance;
import org.gen4j.core.Sampler;
import org.gen4j.data.DataChecks;
import org.gen4j.nn.BernoulliLoss;
import org.gen4j.nn.GaussianLoss;
import org.gen4j.nn.ObservationLoss;
import org.gen4j.vae.LatentEstimator;
import org.gen4j.vae.LatentPosterior;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A variational autoencoder trained in Keras, imported as its two halves: an encoder giving the means and the
 * log-variances of q(z|x) — either a functional model with the two outputs {@code [z_mean, z_log_var]} (Keras's VAE
 * example saved without its custom sampling layer, which DL4J does not import) or a model with one output holding
 * both side by side ({@code Dense(2 * latent)}) — and a Sequential decoder from
 * z to the pixel probabilities (Bernoulli, a sigmoid output) or to the mean of a Gaussian of fixed variance.
 * It encodes, decodes, samples, and scores with the ELBO and the importance-weighted log p(x), like a gen4j VAE.
 * <pre>{@code
 * KerasVae vae = KerasVae.load(Path.of("encoder.h5"), Path.of("decoder.h5"), KerasVae.Output.BERNOULLI, 0);
 * INDArray logP = vae.logProb(images);                  // [n], importance-weighted, K = 64
 * INDArray z = vae.encode(images).mean();               // the learned features
 * }</pre>
 * Images go in and come out as gen4j's {@code [n, c, h, w]}; a channels-last Keras network sees them as
 * {@code [n, h, w, c]}.
 */
public final class KerasVae implements GenerativeModel, Sampler<INDArray>, DensityModel<INDArray>,
        LatentModel<INDArray, LatentPosterior>, AnomalyScorer<INDArray> {
    public static final String MODEL_TYPE = "keras-vae";
    public static final int DEFAULT_IMPORTANCE_SAMPLES = 64;
    /** Keras clips probabilities this far from 0 and 1 in its binary cross-entropy. */
    private static final double PROBABILITY_CLIP = 1e-7;

    /** What the decoder's output means. */
    public enum Output {
        /** probabilities of 1 per value (a sigmoid output): a Bernoulli likelihood for data in [0, 1] */
        BERNOULLI,
        /** the mean of a Gaussian with the given fixed variance per value */
        GAUSSIAN;

        public static Output parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "bernoulli" -> BERNOULLI;
                case "gaussian" -> GAUSSIAN;
                default -> throw new Gen4jException("the decoder output must be bernoulli or gaussian, got '" + text + "'");
            };
        }
    }

    /** a MultiLayerNetwork or a ComputationGraph (one output [n, 2L], or two outputs [n, L]: means, log-variances) */
    private final Model encoder;
    private final MultiLayerNetwork decoder;
    private final Output output;
    private final double variance;
    private final int latent;
    /** [c, h, w] for images (drawn channels-last by the decoder), [d] for rows */
    private final long[] dataShape;
    private final boolean encoderTakesImages;
    private final Provenance provenance;

    KerasVae(Model encoder, MultiLayerNetwork decoder, Output output, double variance, Provenance provenance) {
        if (!(encoder instanceof MultiLayerNetwork) && !(encoder instanceof ComputationGraph graph && graph.getNumOutputArrays() <= 2)) {
            throw new Gen4jException("the encoder must be a MultiLayerNetwork or a ComputationGraph with one or two outputs, got "
                    + (encoder == null ? "null" : encoder.getClass().getSimpleName()));
        }
        if (output == Output.GAUSSIAN && !(variance > 0 && Double.isFinite(variance))) {
            throw new Gen4jException("a Gaussian decoder needs a positive variance, got " + variance);
        }
        this.encoder = encoder;
        this.decoder = decoder;
        this.output = output;
        this.variance = variance;
        this.provenance = provenance;
        this.latent = new KerasGenerator(decoder, provenance).latentSize();
        long[] drawn = decoder.output(Nd4j.zeros(DataType.FLOAT, 1, latent), false).shape();
        if (drawn.length == 4) {
            dataShape = new long[]{drawn[3], drawn[1], drawn[2]};
        } else if (drawn.length == 2) {
            dataShape = new long[]{drawn[1]};
        } else {
            throw new Gen4jException("the decoder draws " + Arrays.toString(drawn) + "; a VAE decoder draws rows [n, d] or images [n, h, w, c]");
        }
        this.encoderTakesImages = takesImages();
        long[] parameters = latentParameters(Nd4j.zeros(DataType.FLOAT, rowsShape(1))).shape();
        if (parameters.length != 2 || parameters[1] != 2L * latent) {
            throw new Gen4jException("the encoder gives " + Arrays.toString(parameters) + " per batch; for this decoder "
                    + "(latent " + latent + ") a VAE encoder gives [n, " + 2 * latent + "]: " + latent + " means, then "
                    + latent + " log-variances");
        }
    }

    /** Imports both halves from Keras HDF5 files (Sequential models saved whole). */
    public static KerasVae load(Path encoderH5, Path decoderH5, Output output, double variance) {
        Model encoder = KerasImport.sequentialOrFunctional(encoderH5);
        MultiLayerNetwork decoder = KerasGenerator.importSequential(decoderH5);
        Provenance provenance = Provenance.now("keras import", Map.of("encoder", encoderH5.getFileName().toString(),
                "decoder", decoderH5.getFileName().toString(), "output", output.name().toLowerCase(Locale.ROOT)),
                encoderH5 + " + " + decoderH5, List.of());
        try {
            return new KerasVae(encoder, decoder, output, variance, provenance);
        } catch (Gen4jException e) {
            throw new Gen4jException(encoderH5 + " + " + decoderH5 + ": " + e.getMessage(), e);
        }
    }

    /** A VAE from two DL4J networks (imported from Keras or built in DL4J), in the roles described above. */
    public static KerasVae of(Model encoder, MultiLayerNetwork decoder, Output output, double variance) {
        return new KerasVae(encoder, decoder, output, variance, Provenance.handMade("KerasVae.of"));
    }

    /** Whether the encoder reads images [n, h, w, c] rather than rows: found by trying rows first. */
    private boolean takesImages() {
        long flat = Arrays.stream(dataShape).reduce(1, (a, b) -> a * b);
        try {
            encoderOutput(Nd4j.zeros(DataType.FLOAT, 1, flat));
            return false;
        } catch (RuntimeException notRows) {
            if (dataShape.length == 3) {
                try {
                    encoderOutput(Nd4j.zeros(DataType.FLOAT, 1, dataShape[1], dataShape[2], dataShape[0]));
                    return true;
                } catch (RuntimeException notImages) {
                    // named below
                }
            }
            throw new Gen4jException("the encoder takes neither rows of " + flat + " values nor images of the decoder's shape "
                    + (dataShape.length == 3 ? "[n, " + dataShape[1] + ", " + dataShape[2] + ", " + dataShape[0] + "]" : "")
                    + " (" + notRows.getMessage() + ")");
        }
    }

    /** The encoder's output: its one output, or its two outputs (means, log-variances) side by side. */
    private INDArray encoderOutput(INDArray input) {
        if (encoder instanceof MultiLayerNetwork network) {
            return network.output(input, false);
        }
        INDArray[] outputs = ((ComputationGraph) encoder).output(false, input);
        return outputs.length == 1 ? outputs[0] : Nd4j.hstack(outputs[0], outputs[1]);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    public int latentSize() {
        return latent;
    }

    public Output output() {
        return output;
    }

    public double variance() {
        return variance;
    }

    /** The encoder: a MultiLayerNetwork or a ComputationGraph. */
    public Model encoderNetwork() {
        return encoder;
    }

    public MultiLayerNetwork decoderNetwork() {
        return decoder;
    }

    /** {@code [c, h, w]} for images, {@code [d]} for rows. */
    public long[] dataShape() {
        return dataShape.clone();
    }

    // ---- uses ----------------------------------------------------------------------------------------------

    /** q(z|x): the latent means and variances of each row, {@code [n, latent]} each. */
    public LatentPosterior encode(INDArray x) {
        INDArray parameters = latentParameters(rows(x));
        return new LatentPosterior(parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).dup(),
                Transforms.exp(parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)), true));
    }

    @Override
    public LatentPosterior posterior(INDArray x) {
        return encode(x);
    }

    /** The decoder's means (probabilities for a Bernoulli decoder) for latent points {@code [n, latent]}. */
    public INDArray decode(INDArray z) {
        if (z == null || z.rank() != 2 || z.columns() != latent) {
            throw new Gen4jException("latent points must be [n, " + latent + "], got " + (z == null ? "null" : Arrays.toString(z.shape())));
        }
        DataChecks.requireFiniteMatrix(z, latent, "latent points");
        return fromRows(decoder.output(z.castTo(DataType.FLOAT), false));
    }

    /** Decoder means of n prior draws z ~ N(0, I). */
    @Override
    public INDArray sample(int n, long seed) {
        if (n < 1) {
            throw new Gen4jException("the number of samples must be positive, got " + n);
        }
        return decode(Nd4j.randn(Nd4j.create(DataType.FLOAT, n, latent), org.gen4j.core.Seeds.nativeRandom(seed)));
    }

    /** The decoder means at the encoder means. */
    public INDArray reconstruct(INDArray x) {
        return decode(encode(x).mean());
    }

    /** Importance-weighted log p(x) with the default K. */
    @Override
    public INDArray logProb(INDArray x) {
        return logProb(x, DEFAULT_IMPORTANCE_SAMPLES, 0);
    }

    /** Importance-weighted log p(x) with K = {@code samples} draws per row. @return {@code [n]}, float64 */
    public INDArray logProb(INDArray x, int samples, long seed) {
        return estimator().logProb(likelihoodRows(x), null, samples, seed);
    }

    /** The ELBO per row, averaged over {@code samples} draws. */
    public INDArray elbo(INDArray x, int samples, long seed) {
        return estimator().elbo(likelihoodRows(x), null, samples, seed);
    }

    /** An &amp; Cho's reconstruction probability E_q[log p(x|z)]. */
    public INDArray reconstructionLogProb(INDArray x, int samples, long seed) {
        return estimator().reconstructionLogProb(likelihoodRows(x), null, samples, seed);
    }

    /** −log p(x): higher = more anomalous. */
    @Override
    public INDArray score(INDArray x) {
        return logProb(x).neg();
    }

    // ---- layouts -------------------------------------------------------------------------------------------

    private LatentEstimator estimator() {
        ObservationLoss likelihood = output == Output.BERNOULLI ? new BernoulliLoss() : new GaussianLoss(false, variance);
        return new LatentEstimator(new LatentEstimator.Networks() {
            @Override
            public INDArray latentParameters(INDArray rows, INDArray oneHot) {
                return KerasVae.this.latentParameters(rows);
            }

            @Override
            public INDArray decoderOutput(INDArray z, INDArray oneHot) {
                INDArray drawn = decoder.output(z, false);
                INDArray rows = drawn.reshape('c', drawn.size(0), drawn.length() / drawn.size(0));
                if (output == Output.GAUSSIAN) {
                    return rows;
                }
                INDArray p = Transforms.min(Transforms.max(rows, PROBABILITY_CLIP, true), 1 - PROBABILITY_CLIP, false);
                return Transforms.log(p, true).subi(Transforms.log(p.rsub(1), false));     // the logits
            }
        }, likelihood, latent);
    }

    private INDArray latentParameters(INDArray rows) {
        return encoderOutput(toEncoderInput(rows));
    }

    /** Rows in the decoder's value order ([h, w, c] for images), float32, checked. */
    private INDArray rows(INDArray x) {
        long flat = Arrays.stream(dataShape).reduce(1, (a, b) -> a * b);
        if (x == null) {
            throw new Gen4jException("data is missing");
        }
        INDArray rows;
        if (dataShape.length == 3 && x.rank() == 4) {
            if (!Arrays.equals(Arrays.copyOfRange(x.shape(), 1, 4), dataShape)) {
                throw new Gen4jException("images have shape " + Arrays.toString(x.shape()) + ", the model takes [n, "
                        + dataShape[0] + ", " + dataShape[1] + ", " + dataShape[2] + "]");
            }
            rows = org.gen4j.nn.ImageLayouts.channelsLastRows(x);
        } else if (dataShape.length == 1 && x.rank() == 2 && x.columns() == flat) {
            rows = x;
        } else {
            throw new Gen4jException("data has shape " + Arrays.toString(x.shape()) + ", the model takes "
                    + (dataShape.length == 3 ? "images [n, " + dataShape[0] + ", " + dataShape[1] + ", " + dataShape[2] + "]" : "rows [n, " + flat + "]"));
        }
        DataChecks.requireFiniteMatrix(rows, (int) flat, "data");
        return rows.castTo(DataType.FLOAT);
    }

    private INDArray likelihoodRows(INDArray x) {
        INDArray rows = rows(x);
        if (output == Output.BERNOULLI && (rows.minNumber().doubleValue() < 0 || rows.maxNumber().doubleValue() > 1)) {
            throw new Gen4jException("a Bernoulli decoder scores values in [0, 1], the data has values in ["
                    + rows.minNumber() + ", " + rows.maxNumber() + "]");
        }
        return rows;
    }

    private long[] rowsShape(long n) {
        return new long[]{n, Arrays.stream(dataShape).reduce(1, (a, b) -> a * b)};
    }

    private INDArray toEncoderInput(INDArray rows) {
        return encoderTakesImages ? rows.reshape('c', rows.size(0), dataShape[1], dataShape[2], dataShape[0]) : rows;
    }

    /** Decoder output (rows, or channels-last images) as gen4j data: [n, c, h, w] or [n, d]. */
    private INDArray fromRows(INDArray drawn) {
        if (dataShape.length == 1) {
            return drawn;
        }
        return drawn.reshape('c', drawn.size(0), dataShape[1], dataShape[2], dataShape[0]).permute(0, 3, 1, 2).dup('c');
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "KerasVae(data %s, latent %d, %s decoder%s; encoder %,d + decoder %,d parameters, from %s)",
                Arrays.toString(dataShape), latent, output.name().toLowerCase(Locale.ROOT),
                output == Output.GAUSSIAN ? " (variance " + variance + ")" : "", encoder.numParams(), decoder.numParams(),
                provenance.data());
    }
}
