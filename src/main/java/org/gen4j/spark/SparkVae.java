package org.gen4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.gen4j.core.Gen4jException;
import org.gen4j.vae.VaeHistory;
import org.gen4j.vae.VaeOptions;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A variational autoencoder trained on Spark by DL4J's parameter averaging ({@code SparkComputationGraph} with a
 * {@code ParameterAveragingTrainingMaster}): every epoch each partition shuffles its own rows (seeded by the epoch and
 * the partition) and cuts them into batches where they are, with the reparameterisation noise made from the seed and
 * the batch's place; each worker fits its share and the parameters (and Adam's state) are averaged every
 * {@code averagingFrequency} batches per worker. Only the held-out ELBO after each epoch is computed on the driver,
 * from the held-out rows it is given. Conditional VAEs take each row's class from a label column; β warms up per
 * epoch as on one machine (the KL weight travels with the network's configuration).
 * <pre>{@code
 * VariationalAutoencoder vae = SparkVae.fit(new VaeTrainer(arch).epochs(10), pixels, columns, heldOut, 5);
 * }</pre>
 */
public final class SparkVae {
    /** Batches each worker fits between two averagings, unless told otherwise. */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;

    private SparkVae() {
    }

    /**
     * @param rows    the training rows: numeric columns, scaled as the architecture's likelihood expects
     * @param columns the feature columns, in the order of the network's inputs
     * @param heldOut held-out rows on the driver for the ELBO after each epoch, or null
     */
    public static VariationalAutoencoder fit(VaeTrainer trainer, Dataset<Row> rows, List<String> columns, INDArray heldOut,
                                             int averagingFrequency) {
        return fit(trainer, rows, columns, heldOut, averagingFrequency, null);
    }

    /**
     * Continues {@code model} (a checkpoint: its parameters, Adam state and history) for the trainer's number of
     * further epochs; a null model starts afresh. The trainer's {@code afterEpoch} callback and early stopping see
     * every epoch, as on one machine.
     */
    public static VariationalAutoencoder fit(VaeTrainer trainer, Dataset<Row> rows, List<String> columns, INDArray heldOut,
                                             int averagingFrequency, VariationalAutoencoder model) {
        return fit(trainer, rows, columns, null, heldOut, null, averagingFrequency, model);
    }

    /**
     * A conditional VAE (or an unconditional one, with {@code labels} null): each row's class comes from the label
     * column, numbered as {@link ClassColumn} numbers them.
     *
     * @param heldOutLabels the held-out rows' classes, for a conditional model's held-out ELBO
     */
    public static VariationalAutoencoder fit(VaeTrainer trainer, Dataset<Row> rows, List<String> columns, ClassColumn labels,
                                             INDArray heldOut, int[] heldOutLabels, int averagingFrequency, VariationalAutoencoder model) {
        VaeTrainer.Distributed distributed = trainer.distributed();
        VaeOptions options = distributed.options();
        if (averagingFrequency < 1) {
            throw new Gen4jException("the averaging frequency must be at least 1 batch, got " + averagingFrequency);
        }
        ClassColumn.requireFor(labels, distributed.architecture().conditional(), distributed.architecture().classes(), "VAE");
        int width = columns.size();
        JavaRDD<double[]> vectors = SparkColumns.vectors(rows, columns, labels).persist(StorageLevel.MEMORY_AND_DISK());
        INDArray heldOutRows = heldOut == null ? null : distributed.rows(heldOut, "held-out data");
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(1)
                .batchSizePerWorker(options.batchSize()).averagingFrequency(averagingFrequency)
                .workerPrefetchNumBatches(0).rngSeed(options.seed()).build();
        ComputationGraph start = model == null ? distributed.newTrainingGraph() : distributed.continuedGraph(model);
        SparkComputationGraph network = new SparkComputationGraph(vectors.context(), start, master);
        try {
            String data = "Spark dataset (" + SparkFailures.unwrapped(vectors::count) + " rows, " + vectors.getNumPartitions() + " partitions)";
            VaeHistory history = model == null ? VaeHistory.EMPTY : model.history();
            VariationalAutoencoder current = distributed.model(start, history, data);
            VaeTrainer.EpochEnd epochEnd = trainer.epochEnd();
            for (int e = 0; e < options.epochs(); e++) {
                int epoch = history.epochs();
                long started = System.nanoTime();
                double beta = distributed.betaAt(epoch);
                distributed.setBeta(network.getNetwork(), beta);        // broadcast with the configuration each fit
                JavaRDD<MultiDataSet> epochBatches = batchesOf(vectors, distributed, epoch, width)
                        .persist(StorageLevel.MEMORY_AND_DISK());
                long count = SparkFailures.unwrapped(epochBatches::count);
                SparkFailures.unwrapped(() -> network.fitMultiDataSet(epochBatches));
                double trainLoss = SparkFailures.unwrapped(() -> network.calculateScoreMultiDataSet(epochBatches, true));
                epochBatches.unpersist(false);
                if (!Double.isFinite(trainLoss)) {
                    throw new Gen4jException("training diverged in epoch " + (epoch + 1) + " (loss " + trainLoss
                            + "): lower the learning rate, or standardise the data");
                }
                ComputationGraph trained = network.getNetwork().clone();       // the next epoch goes on with the original
                VariationalAutoencoder scored = distributed.model(trained, history, data);
                double elbo = heldOutRows == null ? Double.NaN
                        : scored.elbo(heldOutRows, heldOutLabels, 1, options.seed()).meanNumber().doubleValue();
                history = history.plus(history.iterations() + count, trainLoss, elbo, beta, (System.nanoTime() - started) / 1e9);
                current = distributed.model(trained, history, data);
                if (epochEnd.after(e, current, trained, heldOutRows != null)) {
                    break;
                }
            }
            return epochEnd.chosen(current);
        } finally {
            vectors.unpersist(false);
        }
    }

    /** A partition's rows shuffled for the epoch and cut into batches, each checked and with its own noise. */
    private static JavaRDD<MultiDataSet> batchesOf(JavaRDD<double[]> vectors, VaeTrainer.Distributed distributed, int epoch, int width) {
        return vectors.mapPartitionsWithIndex((partition, rows) -> cut(partition, rows, distributed, epoch, width), true);
    }

    private static Iterator<MultiDataSet> cut(int partition, Iterator<double[]> rows, VaeTrainer.Distributed distributed,
                                              int epoch, int width) {
        VaeOptions options = distributed.options();
        List<MultiDataSet> batches = new ArrayList<>();
        int index = 0;
        for (double[][] rowsOfBatch : EpochBatches.of(rows, options.seed(), epoch, partition, options.batchSize())) {
            int n = rowsOfBatch.length;
            double[] flat = new double[n * width];
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rowsOfBatch[i], 0, flat, i * width, width);
                classes[i] = rowsOfBatch[i].length > width ? (int) rowsOfBatch[i][width] : 0;
            }
            // the checks one machine makes (finite values, in [0, 1] for a Bernoulli likelihood), where the rows are
            INDArray x = distributed.rows(Nd4j.create(flat, new long[]{n, width}, 'c'), "training rows");
            long key = ((long) epoch << 40) | ((long) partition << 20) | index++;   // the batch's place: its noise
            batches.add(distributed.batches().batch(x, distributed.labels(classes, n), key));
        }
        return batches.iterator();
    }
}
