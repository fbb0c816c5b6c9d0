package org.gen4j.train;

import org.gen4j.data.Datasets;
import org.gen4j.data.Table;
import org.gen4j.em.FitState;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.spark.SparkTableSplit;

import java.util.List;

/**
 * Where a mixture recipe's rows are, in memory or in Spark partitions ({@code spark.master}): what it fits on,
 * scores and draws. The Spark side loads Spark only when a recipe asks for it.
 */
interface MixtureRows extends AutoCloseable {
    /** Rows drawn in the recipe's picture at most (a sample when the rows are on Spark). */
    int PICTURED_ROWS = 10_000;

    GaussianMixture fit(GaussianMixtureTrainer trainer, FitState<GaussianMixture> resumeFrom);

    double meanLogProb(GaussianMixture model, boolean heldOut);

    double trainBic(GaussianMixture model);

    /** The data line of the report. */
    String describe();

    /** The rows the picture shows. */
    Table pictured(long seed);

    @Override
    void close();

    static MixtureRows of(Recipe r, long seed) {
        List<String> columns = r.dataList("columns");
        String source = r.dataString("source", null);
        double fraction = r.dataDouble("trainFraction", 0.8);
        String master = r.sparkMaster();
        return master == null ? new InMemory(Datasets.load(source, columns.isEmpty() ? null : columns), fraction, seed)
                : new OnSpark(SparkTableSplit.open(master, source, columns, fraction, seed));
    }

    final class InMemory implements MixtureRows {
        private final Table all;
        private final Table.Split split;

        InMemory(Table all, double trainFraction, long seed) {
            this.all = all;
            this.split = all.split(trainFraction, seed);
        }

        @Override
        public GaussianMixture fit(GaussianMixtureTrainer trainer, FitState<GaussianMixture> resumeFrom) {
            return resumeFrom == null ? trainer.fit(split.train()) : trainer.resume(split.train(), resumeFrom);
        }

        @Override
        public double meanLogProb(GaussianMixture model, boolean heldOut) {
            return model.meanLogProb((heldOut ? split.test() : split.train()).features(model.dataType()));
        }

        @Override
        public double trainBic(GaussianMixture model) {
            return model.bic(split.train().features());
        }

        @Override
        public String describe() {
            return split.train().describe() + " (train); " + split.test().rows() + " rows held out";
        }

        @Override
        public Table pictured(long seed) {
            return all;
        }

        @Override
        public void close() {
        }
    }

    final class OnSpark implements MixtureRows {
        private final SparkTableSplit split;

        OnSpark(SparkTableSplit split) {
            this.split = split;
        }

        @Override
        public GaussianMixture fit(GaussianMixtureTrainer trainer, FitState<GaussianMixture> resumeFrom) {
            return trainer.resume(split.train(), resumeFrom);
        }

        @Override
        public double meanLogProb(GaussianMixture model, boolean heldOut) {
            return split.meanLogProb(model, heldOut);
        }

        @Override
        public double trainBic(GaussianMixture model) {
            return split.trainBic(model, model.parameterCount());
        }

        @Override
        public String describe() {
            return split.train().describe() + "; " + split.heldOutRows() + " rows held out";
        }

        @Override
        public Table pictured(long seed) {
            return new Table(split.train().sample(PICTURED_ROWS, seed), split.train().columns(), null,
                    "a sample of the training rows");
        }

        @Override
        public void close() {
            split.close();
        }
    }
}
