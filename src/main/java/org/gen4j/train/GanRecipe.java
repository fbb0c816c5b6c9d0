package org.gen4j.train;

import org.gen4j.gan.GanShape;
import org.gen4j.gan.GanOptions;
import org.gen4j.core.ConditionalSampler;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.NetworkData;
import org.gen4j.eval.FeatureClassifier;
import org.gen4j.eval.FrechetDistance;
import org.gen4j.eval.SampleQuality;
import org.gen4j.gan.Gan;
import org.gen4j.gan.GanArchitecture;
import org.gen4j.gan.GanHistory;
import org.gen4j.gan.GanSetup;
import org.gen4j.gan.GanTrainer;
import org.gen4j.nn.EarlyStopping;
import org.gen4j.viz.ImageGrid;
import org.gen4j.viz.LinePlot;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Consumer;

/**
 * Runs a {@code family: gan} recipe: per epoch the losses and, for image data with a feature classifier, the
 * Fréchet distance of 500 samples to the held-out images (digits and MNIST-size images have bundled classifiers) (metrics.csv: objective = generator loss, heldOut = −FID,
 * so higher is better as for every family); a sample grid from the same fixed noise every epoch, so progress is
 * visible; checkpoints with both updater states; and at the end the model, loss and FID curves and the full
 * sample-quality table in the report.
 */
final class GanRecipe {
    private static final int METRIC_SAMPLES = 500;

    private GanRecipe() {
    }

    static void run(TrainingRun run, Recipe r, Gan resumeFrom) {
        int epochs = r.trainingInt("epochs", GanOptions.DEFAULTS.epochs());
        run.expectIterations(epochs);
        Setup setup = new Setup();
        java.util.function.Supplier<NetworkData> loadHere = () -> {
            NetworkData data = NetworkData.load(r.dataString("source", null), null, null, r.dataInt("limit", 0), NetworkData.Scale.STANDARDIZE);
            NetworkData[] parts = data.split(r.dataDouble("trainFraction", 0.9), r.trainingLong("seed", GanOptions.DEFAULTS.seed()));
            setup.train = parts[0];
            setup.test = parts[1];
            return parts[0];
        };
        java.util.function.Function<NetworkData, GanTrainer> trainerFor = shape -> setup.trainer(run, r, shape, epochs,
                resumeFrom == null ? epochs : Math.max(0, epochs - resumeFrom.history().epochs()));
        Gan gan;
        String master = r.sparkMaster();
        if (master != null) {
            if (r.trainingBoolean("ui", false)) {
                throw r.error("training", "ui", "follows one machine's training; Spark's own UI shows a Spark run's jobs");
            }
            int averaging = r.sparkInt("averaging", org.gen4j.spark.SparkGan.DEFAULT_AVERAGING_FREQUENCY);
            if (averaging < 1) {
                throw r.error("spark", "averaging", "must be at least 1 step, got " + averaging);
            }
            org.gen4j.spark.SparkFits.TrainedGan trained = org.gen4j.spark.SparkFits.gan(master, r.dataString("source", null), null,
                    r.dataInt("limit", 0), loadHere, trainerFor, averaging, resumeFrom);
            gan = trained.model();
            run.result("Spark", master + ", both networks averaged every " + averaging + " steps per partition");
            if (setup.train == null) {           // read where it lives: the report shows the first training rows
                setup.train = trained.shown();
            }
        } else {
            GanTrainer trainer = trainerFor.apply(loadHere.get());
            int[] labels = trainer.architecture().conditional() ? setup.train.labels() : null;
            try (TrainingUi ui = TrainingUi.forRecipe(r, run)) {
                if (ui != null) {
                    trainer.listeners(ui.listener());
                }
                trainer.listeners(run.epochProgress(trainer.epochs(), trainer.stepsPerEpoch(setup.train.data().size(0))));
                gan = resumeFrom == null ? trainer.fit(setup.train.data(), labels) : trainer.continueTraining(resumeFrom, setup.train.data(), labels);
            }
        }
        if (setup.stopping != null && setup.stopping.stoppedEarly()) {
            run.result("early stopping", "no FID gain for " + r.trainingInt("patience", 0) + " epochs (DL4J "
                    + setup.stopping.result().getTerminationDetails() + "); kept epoch " + gan.history().epochs());
        }
        ModelIO.save(gan, run.folder().resolve("model.gen4j"));
        report(run, gan, setup.train, setup.test, setup.judge, setup.test != null ? setup.test.flat() : setup.train.flat());
    }

    /** What a run learns once its data is known: the split, the judge of image samples, early stopping. */
    private static final class Setup {
        NetworkData train;
        NetworkData test;
        FeatureClassifier judge;
        EarlyStopping<Gan> stopping;

        /** @param shape the training rows (or rows of them, when Spark reads them where they live) */
        GanTrainer trainer(TrainingRun run, Recipe r, NetworkData shape, int epochs, int epochsToRun) {
            GanArchitecture a = architecture(r, shape);
            judge = shape.isImages() ? FeatureClassifier.bundledFor(shape.features()).orElse(null) : null;
            INDArray reference = test != null ? test.flat() : shape.flat();
            GanTrainer trainer = GanSetup.trainer(a).epochs(epochsToRun).batchSize(r.trainingInt("batch", GanOptions.DEFAULTS.batchSize()))
                    .seed(r.trainingLong("seed", GanOptions.DEFAULTS.seed())).dataType(VaeRecipe.networkDataType(r));
            double lr = r.trainingDouble("learningRate", Double.NaN);
            if (!Double.isNaN(lr)) {
                trainer.learningRates(r.trainingDouble("generatorLearningRate", lr), r.trainingDouble("discriminatorLearningRate", lr));
            }
            trainer.labelSmoothing(r.modelDouble("labelSmoothing", GanOptions.DEFAULTS.labelSmoothing()))
                    .nCritic(r.modelInt("nCritic", a.objective() == GanArchitecture.Objective.WASSERSTEIN ? 5 : 1))
                    .emaDecay(r.modelDouble("emaDecay", GanOptions.DEFAULTS.emaDecay()));
            if (r.modelDouble("clip", 0) > 0) {
                trainer.clip(r.modelDouble("clip", 0.01));
            }
            FeatureClassifier j = judge;
            if (j != null) {
                trainer.epochMetric(gan -> FrechetDistance.of(j.features(draw(gan, METRIC_SAMPLES, 12345)), j.features(reference)));
            }
            trainer.afterEpoch(new EpochMonitor(run, r, epochs, shape));
            stopping = earlyStopping(r, judge);
            return trainer.earlyStopping(stopping);
        }
    }

    private static EarlyStopping<Gan> earlyStopping(Recipe r, FeatureClassifier judge) {
        int patience = r.trainingInt("patience", 0);
        if (patience < 0) {
            throw r.error("training", "patience", "must be >= 0");
        }
        if (patience == 0) {
            return null;
        }
        if (judge == null) {
            throw r.error("training", "patience", "stops on the per-epoch FID, which needs 8x8 or 28x28 images (a bundled judge)");
        }
        return new EarlyStopping<>(EarlyStopping.onHeldOutMetric(patience, true), Gan::copy);
    }

    static GanArchitecture architecture(Recipe r, NetworkData data) {
        String output = r.modelString("outputActivation", "");
        return GanSetup.architecture(new GanSetup.Choice(r.modelString("architecture", GanShape.DEFAULTS.setUp()),
                r.modelInt("latent", GanShape.DEFAULTS.latentSize()),
                r.modelInts("generatorHidden", null), r.modelInts("discriminatorHidden", null), r.modelInts("channels", null),
                output.isEmpty() ? null : output), data);
    }

    /** Samples for metrics and pictures: balanced over the classes for a conditional GAN. */
    static INDArray draw(Gan gan, int n, long seed) {
        return gan.classes() > 0 ? ConditionalSampler.balanced(gan, n, seed) : gan.sample(n, seed);
    }

    /** Metrics, fixed-noise pictures, Ctrl-C and checkpoints after each epoch. */
    private static final class EpochMonitor implements Consumer<Gan> {
        private final TrainingRun run;
        private final int every;
        private final int epochs;
        private final NetworkData data;
        private final Checkpoints checkpoints;

        EpochMonitor(TrainingRun run, Recipe r, int epochs, NetworkData data) {
            this.run = run;
            this.every = r.trainingInt("checkpointEvery", 0);
            this.epochs = epochs;
            this.data = data;
            if (every < 0) {
                throw r.error("training", "checkpointEvery", "must be >= 0");
            }
            this.checkpoints = every > 0 ? new Checkpoints(run.folder(), 3) : null;
        }

        @Override
        public void accept(Gan gan) {
            GanHistory h = gan.history();
            int epoch = h.epochs();
            double fid = h.metric()[epoch - 1];
            run.iteration(0, epoch, h.generatorLoss()[epoch - 1], Double.isNaN(fid) ? Double.NaN : -fid);
            if (data.isImages()) {
                java.nio.file.Path grids = run.folder().resolve("epochs");
                try {
                    java.nio.file.Files.createDirectories(grids);
                } catch (java.io.IOException e) {
                    throw new Gen4jException("cannot create " + grids + ": " + e.getMessage(), e);
                }
                ImageGrid.of(shown(draw(gan, 100, 7)), 10).write(grids.resolve(String.format("samples-%03d.png", epoch)));
            }
            if (run.stopRequested()) {
                save(gan, epoch);
                throw new RecipeTrainers.StopRequested();
            }
            if (checkpoints != null && (epoch % every == 0 || epoch == epochs)) {
                save(gan, epoch);
            }
        }

        private void save(Gan gan, int epoch) {
            if (checkpoints != null) {
                checkpoints.save(new Checkpoints.Saved(0, epoch, epoch == epochs, gan, null));
            }
        }
    }

    private static INDArray shown(INDArray samples) {
        return samples.minNumber().doubleValue() < 0 ? samples.add(1).divi(2) : samples;
    }

    private static void report(TrainingRun run, Gan gan, NetworkData train, NetworkData test, FeatureClassifier judge, INDArray reference) {
        GanHistory h = gan.history();
        int last = h.epochs() - 1;
        run.result("data", train.description() + (test == null ? "" : "; " + test.rows() + " rows held out"));
        run.result("architecture", gan.architecture().toString());
        run.result("parameters", "generator " + gan.generatorParameterCount() + ", discriminator " + gan.discriminatorParameterCount());
        run.result("epochs", h.epochs() + " (" + String.format("%.1f", java.util.Arrays.stream(h.seconds()).sum()) + " s)");
        if (last >= 0) {
            run.result("final losses", String.format("discriminator %.4f, generator %.4f", h.discriminatorLoss()[last], h.generatorLoss()[last]));
        }
        LinePlot.of(run.recipe().name() + ": losses per epoch", "epoch").series("discriminator", h.discriminatorLoss())
                .series("generator", h.generatorLoss()).write(run.folder().resolve("losses.png"));
        run.picture("losses.png", "mean discriminator and generator losses per epoch");
        if (judge != null && last >= 0) {
            run.heldOut(-h.metric()[last]);
            LinePlot.of(run.recipe().name() + ": Frechet distance to held-out images", "epoch").series("FID", h.metric())
                    .write(run.folder().resolve("fid.png"));
            run.picture("fid.png", "Fréchet distance (classifier features) of " + METRIC_SAMPLES + " samples to the held-out images, per epoch");
            SampleQuality q = SampleQuality.of(draw(gan, 1000, 99), reference, judge);
            SampleQuality floor = test != null ? SampleQuality.of(train.flat(), reference, judge) : null;
            run.result("sample quality (1,000 samples vs held-out)", q.toString());
            if (floor != null) {
                run.result("floor (training images vs held-out)", floor.toString());
            }
        }
        if (train.isImages()) {
            ImageGrid.of(shown(draw(gan, 100, 1)), 10).write(run.folder().resolve("samples.png"));
            run.picture("samples.png", gan.classes() > 0 ? "samples, one row per class" : "100 samples");
            run.result("progress", "epochs/samples-NNN.png: the same noise after every epoch");
        }
    }
}
