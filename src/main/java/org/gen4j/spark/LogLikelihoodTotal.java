package org.gen4j.spark;

import org.gen4j.core.DensityModel;
import org.gen4j.data.SequenceBatch;
import org.gen4j.em.EmStatistics;
import org.gen4j.em.PartitionStep;
import org.gen4j.em.SequenceBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The log-likelihood of all the data under a fitted model, summed where the data lives: what a command reports. */
final class LogLikelihoodTotal implements EmStatistics<LogLikelihoodTotal>, Serializable {
    double total;
    /** Σ of the rows' weights, for weighted rows (else 0). */
    double weight;

    @Override
    public double objective() {
        return total;
    }

    @Override
    public void merge(LogLikelihoodTotal other) {
        total += other.total;
        weight += other.weight;
    }

    /** Over a table's blocks of rows. */
    record OfRows(int columns) implements PartitionStep<DensityModel<INDArray>, double[], LogLikelihoodTotal> {
        @Override
        public LogLikelihoodTotal empty(DensityModel<INDArray> model) {
            return new LogLikelihoodTotal();
        }

        @Override
        public void add(DensityModel<INDArray> model, double[] block, LogLikelihoodTotal into) {
            into.total += model.logProb(Nd4j.create(block, new long[]{block.length / columns, columns}, 'c')).sumNumber().doubleValue();
        }
    }

    /** Over a table's blocks of rows whose last column is each row's weight: Σ w log p(x), and Σ w in {@link #weight}. */
    record OfWeightedRows(int columns) implements PartitionStep<DensityModel<INDArray>, double[], LogLikelihoodTotal> {
        @Override
        public LogLikelihoodTotal empty(DensityModel<INDArray> model) {
            return new LogLikelihoodTotal();
        }

        @Override
        public void add(DensityModel<INDArray> model, double[] block, LogLikelihoodTotal into) {
            org.gen4j.em.WeightedBlock rows = org.gen4j.em.WeightedBlock.of(block, columns);
            double[] weights = rows.weights();
            double[] logProb = model.logProb(Nd4j.create(rows.values(), new long[]{rows.rows(), columns}, 'c')).toDoubleVector();
            for (int i = 0; i < weights.length; i++) {
                into.total += weights[i] == 0 ? 0 : weights[i] * logProb[i];
                into.weight += weights[i];
            }
        }
    }

    /** Over blocks of whole sequences. */
    record OfSequences() implements PartitionStep<DensityModel<SequenceBatch>, SequenceBlock, LogLikelihoodTotal> {
        @Override
        public LogLikelihoodTotal empty(DensityModel<SequenceBatch> model) {
            return new LogLikelihoodTotal();
        }

        @Override
        public void add(DensityModel<SequenceBatch> model, SequenceBlock block, LogLikelihoodTotal into) {
            into.total += model.logProb(batchOf(block)).sumNumber().doubleValue();
        }
    }

    /**
     * Over blocks of whole sequences whose steps carry their sequence's weight last: Σ w log p(sequence), and
     * Σ w × length in {@link #weight} (what BIC counts).
     */
    record OfWeightedSequences() implements PartitionStep<DensityModel<SequenceBatch>, SequenceBlock, LogLikelihoodTotal> {
        @Override
        public LogLikelihoodTotal empty(DensityModel<SequenceBatch> model) {
            return new LogLikelihoodTotal();
        }

        @Override
        public void add(DensityModel<SequenceBatch> model, SequenceBlock block, LogLikelihoodTotal into) {
            org.gen4j.em.WeightedBlock.Sequences weighted = org.gen4j.em.WeightedBlock.ofSequences(block);
            double[] logProb = model.logProb(batchOf(weighted.block())).toDoubleVector();
            for (int s = 0; s < logProb.length; s++) {
                double w = weighted.weights()[s];
                into.total += w == 0 ? 0 : w * logProb[s];
                into.weight += w * block.lengths()[s];
            }
        }
    }

    private static SequenceBatch batchOf(SequenceBlock block) {
        List<INDArray> sequences = new ArrayList<>();
        int at = 0;
        for (int length : block.lengths()) {
            double[] steps = java.util.Arrays.copyOfRange(block.steps(), at * block.columns(), (at + length) * block.columns());
            sequences.add(Nd4j.create(steps, new long[]{length, block.columns()}, 'c'));
            at += length;
        }
        return SequenceBatch.of(sequences);
    }
}
