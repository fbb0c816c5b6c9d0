package org.gen4j.gan;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.gen4j.core.Gen4jException;
import org.gen4j.nn.FitSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Finds for each data row the latent code whose generated sample is closest, {@code z* = argmin ||G(z) - x||²}, by
 * Adam steps on the codes through the frozen generator (AnoGAN, Schlegl et al. 2017). The remaining squared error
 * per value is an anomaly score: a GAN draws what it has learned, so rows unlike the training data reconstruct
 * worse. Runs through DL4J: the codes are the weights of a layer in front of the generator's frozen layers. For
 * generators without batch normalization (MLP GANs; DL4J M2.1 cannot backpropagate through a frozen batch-norm
 * layer in inference mode, so DCGANs are refused with that reason).
 */
public final class LatentInversion {
    /** Rows inverted together (the codes layer has one input per row). */
    private static final int ROWS_PER_BATCH = 256;

    private LatentInversion() {
    }

    /** @param latent {@code [n, latent]} the codes found @param error {@code [n]} mean squared error per value, float64 */
    public record Result(INDArray latent, INDArray error) {
    }

    private static boolean hasBatchNorm(Gan gan) {
        for (org.deeplearning4j.nn.api.Layer layer : gan.generatorGraph().getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                return true;
            }
        }
        return false;
    }

    /** @param rows data rows as the generator draws them ({@link Gan#generate} flattened) */
    static Result invert(Gan gan, INDArray rows, int steps, double learningRate, long seed) {
        if (gan.classes() > 0) {
            throw new Gen4jException("latent inversion of a conditional GAN is not supported; score it with the discriminator");
        }
        if (hasBatchNorm(gan)) {
            throw new Gen4jException("latent inversion needs a generator without batch normalization: DL4J 1.0.0-M2.1 cannot"
                    + " pass gradients through a frozen batch-norm layer running as when sampling; score this GAN with its"
                    + " discriminator (score)");
        }
        if (steps < 1 || !(learningRate > 0)) {
            throw new Gen4jException("inversion needs steps >= 1 and a positive learning rate, got " + steps + " and " + learningRate);
        }
        long n = rows.rows();
        INDArray latent = Nd4j.create(DataType.FLOAT, n, gan.latentSize());
        INDArray error = Nd4j.create(DataType.DOUBLE, n);
        INDArray weights = gan.samplingGeneratorParams();
        for (long start = 0; start < n; start += ROWS_PER_BATCH) {
            long end = Math.min(n, start + ROWS_PER_BATCH);
            int m = (int) (end - start);
            INDArray target = rows.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(gan.dataType());
            ComputationGraph graph = GanNetworks.inversion(gan.architecture(), gan.importedGenerator(), m, new Adam(learningRate),
                    seed, gan.dataType());
            INDArray codes = graph.getLayer(GanNetworks.Z).getParam("W");
            long generatorParams = graph.numParams() - codes.length();
            if (generatorParams != weights.length()) {
                throw new IllegalStateException("inversion graph holds " + generatorParams + " generator parameters, the GAN " + weights.length());
            }
            // the codes come first in the flat parameter vector (the graph's first layer), the generator after them
            graph.params().get(NDArrayIndex.interval(codes.length(), graph.numParams())).assign(weights.reshape(weights.length()));
            codes.assign(gan.noise(m, org.gen4j.core.Seeds.mix(seed, start)));
            DataSet batch = new DataSet(Nd4j.eye(m).castTo(gan.dataType()), target);
            try (FitSession session = FitSession.open(graph)) {
                for (int step = 0; step < steps; step++) {
                    session.step(graph, batch);
                }
            }
            INDArray found = codes.dup();
            latent.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(found);
            INDArray drawn = gan.generateRows(found);
            INDArray diff = drawn.castTo(DataType.DOUBLE).subi(target.castTo(DataType.DOUBLE));
            error.get(NDArrayIndex.interval(start, end)).assign(diff.muli(diff).mean(1));
        }
        return new Result(latent, error);
    }
}
