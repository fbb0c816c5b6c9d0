package org.gen4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.gen4j.core.Gen4jException;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanHistory;
import org.gen4j.gan.GanTrainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A GAN trained on Spark by local steps and averaging. DL4J's training masters fit one network on one loss; a GAN's
 * generator and discriminator take alternating steps on two, so the scheme is the one the classical families use:
 * every round, each partition starts from the same state (both networks' parameters and updater states), takes
 * {@code averagingFrequency} alternating iterations on its own batches (shuffled per epoch, seeded by the epoch and
 * the partition), and the driver averages the states in partition order, weighted by the steps each took. The
 * generator's weight average (EMA) moves on the driver after each round. Same seed and partitions, same bits. A
 * conditional GAN takes each row's class from a label column.
 * <pre>{@code
 * Gan gan = SparkGan.fit(new GanTrainer(arch).epochs(20).seed(1), rows, columns, 5, null);
 * }</pre>
 */
public final class SparkGan {
    /** Iterations each partition takes between two averagings, unless told otherwise. */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;

    private SparkGan() {
    }

    /**
     * @param rows      the training rows: numeric columns, scaled as the architecture's output activation expects
     * @param columns   the feature columns, in the order of the network's inputs (pixels in c, h, w order for images)
     * @param continued a model to continue for the trainer's epochs (its parameters, updater states and history), or null
     */
    public static Gan fit(GanTrainer trainer, Dataset<Row> rows, List<String> columns, int averagingFrequency, Gan continued) {
        return fit(trainer, rows, columns, null, averagingFrequency, continued);
    }

    /** A conditional GAN (or an unconditional one, with {@code labels} null): each row's class from the label column. */
    public static Gan fit(GanTrainer trainer, Dataset<Row> rows, List<String> columns, ClassColumn labels, int averagingFrequency,
                          Gan continued) {
        GanTrainer.Distributed distributed = trainer.distributed();
        if (averagingFrequency < 1) {
            throw new Gen4jException("the averaging frequency must be at least 1 batch, got " + averagingFrequency);
        }
        ClassColumn.requireFor(labels, distributed.architecture().conditional(), distributed.architecture().classes(), "GAN");
        int width = columns.size();
        JavaRDD<double[]> vectors = SparkColumns.vectors(rows, columns, labels).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long total = SparkFailures.unwrapped(vectors::count);
            if (total == 0) {
                throw new Gen4jException("no training rows");
            }
            String data = "Spark dataset (" + total + " rows, " + vectors.getNumPartitions() + " partitions)";
            Gan model = continued == null ? distributed.newModel(data) : distributed.continued(continued);
            GanTrainer.TrainingState state = distributed.stateOf(model);
            GanHistory history = model.history();
            GanTrainer.EpochEnd epochEnd = trainer.epochEnd();
            for (int e = 0; e < distributed.epochs(); e++) {
                int epoch = history.epochs();
                long started = System.nanoTime();
                double dSum = 0, gSum = 0;
                long dSteps = 0, gSteps = 0, iteration = history.iterations();
                JavaRDD<double[][]> batches = batchesOf(vectors, distributed, epoch).persist(StorageLevel.MEMORY_AND_DISK());
                List<Integer> perPartition = SparkFailures.unwrapped(() -> batches.mapPartitions(SparkGan::countOf).collect());
                int rounds = (perPartition.stream().mapToInt(Integer::intValue).max().orElse(0) + averagingFrequency - 1) / averagingFrequency;
                for (int round = 0; round < rounds; round++) {
                    Broadcast<GanTrainer.TrainingState> sent = vectors.context().broadcast(state,
                            scala.reflect.ClassTag$.MODULE$.apply(GanTrainer.TrainingState.class));
                    long first = iteration;
                    int from = round * averagingFrequency;
                    List<GanTrainer.TrainingState> trained = SparkFailures.unwrapped(() -> batches.mapPartitionsWithIndex(
                            (partition, it) -> roundOf(partition, it, distributed, sent.value(), from, averagingFrequency, first, width),
                            true).collect());                                // in partition order: the same sums every run
                    sent.destroy();
                    state = GanTrainer.TrainingState.average(trained);
                    distributed.load(model, state);
                    int generatorSteps = trained.stream().mapToInt(GanTrainer.TrainingState::generatorSteps).max().orElse(0);
                    distributed.moveAverage(model, generatorSteps);
                    dSum += state.discriminatorLossSum();
                    dSteps += state.discriminatorSteps();
                    gSum += state.generatorLossSum();
                    gSteps += state.generatorSteps();
                    iteration += trained.stream().mapToInt(GanTrainer.TrainingState::discriminatorSteps).max().orElse(0);
                }
                batches.unpersist(false);
                if (!Double.isFinite(dSum) || !Double.isFinite(gSum)) {
                    throw new Gen4jException("GAN training diverged in epoch " + (epoch + 1)
                            + " (lower the learning rates, or use label smoothing)");
                }
                history = history.plus(iteration, dSum / Math.max(1, dSteps), gSteps == 0 ? Double.NaN : gSum / gSteps,
                        (System.nanoTime() - started) / 1e9);
                Gan current = epochEnd.measured(distributed.withHistory(model, history));
                history = current.history();
                model = current;
                if (epochEnd.after(e, current)) {
                    break;
                }
            }
            return epochEnd.chosen(model.copy());
        } finally {
            vectors.unpersist(false);
        }
    }

    /** A partition's rows shuffled for the epoch (seeded by the epoch and the partition) and cut into batches. */
    private static JavaRDD<double[][]> batchesOf(JavaRDD<double[]> vectors, GanTrainer.Distributed distributed, int epoch) {
        return vectors.mapPartitionsWithIndex((partition, rows) ->
                EpochBatches.of(rows, distributed.seed(), epoch, partition, distributed.batchSize()).iterator(), true);
    }

    private static Iterator<Integer> countOf(Iterator<double[][]> batches) {
        int n = 0;
        for (; batches.hasNext(); batches.next()) {
            n++;
        }
        return List.of(n).iterator();
    }

    /** A partition's part of a round: its batches {@code from .. from + count} of the epoch, or nothing when it has none left. */
    private static Iterator<GanTrainer.TrainingState> roundOf(int partition, Iterator<double[][]> batches,
                                                             GanTrainer.Distributed distributed, GanTrainer.TrainingState start,
                                                             int from, int count, long firstIteration, int width) {
        boolean conditional = distributed.architecture().conditional();
        List<INDArray> mine = new ArrayList<>();
        List<int[]> classes = conditional ? new ArrayList<>() : null;
        for (int b = 0; batches.hasNext() && b < from + count; b++) {
            double[][] batch = batches.next();
            if (b >= from) {
                double[][] rows = new double[batch.length][];
                int[] labels = new int[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    rows[i] = batch[i].length == width ? batch[i] : java.util.Arrays.copyOf(batch[i], width);
                    labels[i] = batch[i].length > width ? (int) batch[i][width] : 0;     // the class, after the features
                }
                mine.add(Nd4j.createFromArray(rows));
                if (classes != null) {
                    classes.add(labels);
                }
            }
        }
        if (mine.isEmpty()) {
            return Collections.emptyIterator();
        }
        return List.of(distributed.steps(start, mine, classes, firstIteration, partition)).iterator();
    }
}
