package org.gen4j.train;

import org.gen4j.data.CsvTableReader;
import org.gen4j.data.Datasets;
import org.gen4j.data.SequenceBatch;
import org.gen4j.data.Table;
import org.gen4j.em.FitState;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.spark.SparkSequenceSplit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where a hidden-Markov-model recipe's sequences are, in memory or in Spark partitions ({@code spark.master}): what
 * it fits on, scores and draws. The Spark side loads Spark only when a recipe asks for it.
 */
interface SequenceRows extends AutoCloseable {

    HiddenMarkovModel fit(BaumWelch trainer, FitState<HiddenMarkovModel> resumeFrom);

    double logProbPerStep(HiddenMarkovModel model, boolean heldOut);

    double trainBic(HiddenMarkovModel model);

    /** The data line of the report. */
    String describe();

    /** One sequence for the picture of decoded states. */
    SequenceBatch pictured(long seed);

    @Override
    void close();

    static SequenceRows of(Recipe r, long seed) {
        List<String> columns = r.dataList("columns");
        String source = r.dataString("source", null);
        String sequenceColumn = r.dataString("sequenceColumn", "");
        double fraction = r.dataDouble("trainFraction", 0.8);
        String master = r.sparkMaster();
        if (master != null) {
            return new OnSpark(SparkSequenceSplit.open(master, source, columns, sequenceColumn, null, fraction, seed));
        }
        return new InMemory(read(source, columns, sequenceColumn), fraction);
    }

    private static SequenceBatch read(String source, List<String> columns, String sequenceColumn) {
        if (sequenceColumn.isEmpty()) {
            Table table = Datasets.load(source, columns.isEmpty() ? null : columns);
            String[] ids = new String[table.rows()];
            Arrays.fill(ids, "0");
            return SequenceBatch.fromTable(table, ids);
        }
        Table table = new CsvTableReader().columns(columns.isEmpty() ? null : columns).labelColumn(sequenceColumn).read(Path.of(source));
        return SequenceBatch.fromTable(table, table.labels().orElseThrow());
    }

    /** Several sequences split whole, in order; one sequence cut in time. */
    final class InMemory implements SequenceRows {
        private final SequenceBatch all;
        private final SequenceBatch train;
        private final SequenceBatch test;

        InMemory(SequenceBatch all, double fraction) {
            this.all = all;
            if (all.size() > 1) {
                int cut = Math.max(1, Math.min(all.size() - 1, (int) Math.round(all.size() * fraction)));
                train = SequenceBatch.of(all.sequences().subList(0, cut), all.ids().subList(0, cut), all.columns());
                test = SequenceBatch.of(all.sequences().subList(cut, all.size()), all.ids().subList(cut, all.size()), all.columns());
            } else {
                INDArray s = all.sequence(0);
                long cut = Math.max(1, Math.min(s.rows() - 1, Math.round(s.rows() * fraction)));
                train = SequenceBatch.of(List.of(s.get(NDArrayIndex.interval(0, cut), NDArrayIndex.all())), List.of("train"), all.columns());
                test = SequenceBatch.of(List.of(s.get(NDArrayIndex.interval(cut, s.rows()), NDArrayIndex.all())), List.of("test"), all.columns());
            }
        }

        @Override
        public HiddenMarkovModel fit(BaumWelch trainer, FitState<HiddenMarkovModel> resumeFrom) {
            return resumeFrom == null ? trainer.fit(train) : trainer.resume(train, resumeFrom);
        }

        @Override
        public double logProbPerStep(HiddenMarkovModel model, boolean heldOut) {
            SequenceBatch batch = heldOut ? test : train;
            return model.logProb(batch).sumNumber().doubleValue() / batch.totalSteps();
        }

        @Override
        public double trainBic(HiddenMarkovModel model) {
            return model.bic(train);
        }

        @Override
        public String describe() {
            return train + " (train); " + test + " held out";
        }

        @Override
        public SequenceBatch pictured(long seed) {
            return SequenceBatch.of(List.of(all.sequence(0)), List.of(all.ids().get(0)), all.columns());
        }

        @Override
        public void close() {
        }
    }

    final class OnSpark implements SequenceRows {
        private final SparkSequenceSplit split;

        OnSpark(SparkSequenceSplit split) {
            this.split = split;
        }

        @Override
        public HiddenMarkovModel fit(BaumWelch trainer, FitState<HiddenMarkovModel> resumeFrom) {
            return trainer.resume(split.train(), resumeFrom);
        }

        @Override
        public double logProbPerStep(HiddenMarkovModel model, boolean heldOut) {
            return split.logProbPerStep(model, heldOut);
        }

        @Override
        public double trainBic(HiddenMarkovModel model) {
            return split.trainBic(model, model.parameterCount());
        }

        @Override
        public String describe() {
            return split.train().describe() + "; " + split.heldOutSize() + " held out";
        }

        @Override
        public SequenceBatch pictured(long seed) {
            return SequenceBatch.of(split.train().sample(1, seed), List.of("sampled"), split.train().columns());
        }

        @Override
        public void close() {
            split.close();
        }
    }
}
