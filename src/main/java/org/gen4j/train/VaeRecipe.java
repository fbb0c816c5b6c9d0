package org.gen4j.train;

import org.gen4j.vae.VaeShape;
import org.gen4j.vae.VaeOptions;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.data.NetworkData;
import org.gen4j.nn.EarlyStopping;
import org.gen4j.vae.Likelihood;
import org.gen4j.vae.VaeArchitecture;
import org.gen4j.vae.VaeHistory;
import org.gen4j.vae.VaePictures;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Locale;

/**
 * Runs a {@code family: vae} recipe: loads and splits the data, trains with a line of metrics per epoch
 * (training loss, held-out ELBO), checkpoints every N epochs (model with Adam state, so a resumed run ends
 * exactly like an uninterrupted one), stops early on the held-out ELBO (DL4J's early-stopping conditions, see
 * {@link EarlyStopping}), and writes the model and its pictures.
 */
final class VaeRecipe {
    private VaeRecipe() {
    }

    static void run(TrainingRun run, Recipe r, VariationalAutoencoder resumeFrom) {
        if (r.sparkMaster() != null) {
            runOnSpark(run, r, resumeFrom);
            return;
        }
        NetworkData data = load(r);
        long seed = r.trainingLong("seed", VaeOptions.DEFAULTS.seed());
        NetworkData[] parts = data.split(r.dataDouble("trainFraction", 0.9), seed);
        NetworkData train = parts[0], test = parts[1];
        VaeArchitecture architecture = architecture(r, data);
        INDArray trainX = architecture.inputs(train), testX = test == null ? null : architecture.inputs(test);
        int[] trainLabels = architecture.conditional() ? train.labels() : null;
        int[] testLabels = architecture.conditional() && test != null ? test.labels() : null;
        int epochs = r.trainingInt("epochs", VaeOptions.DEFAULTS.epochs());
        EpochMonitor monitor = new EpochMonitor(run, r, epochs);
        EarlyStopping<VariationalAutoencoder> stopping = earlyStopping(r, testX != null);
        VaeTrainer trainer = trainer(r, architecture, monitor, stopping);
        VariationalAutoencoder vae;
        try (TrainingUi ui = TrainingUi.forRecipe(r, run)) {
            if (ui != null) {
                trainer.listeners(ui.listener());
            }
            int toRun = resumeFrom == null ? epochs : epochsLeft(epochs, resumeFrom);
            trainer.listeners(run.epochProgress(toRun, trainer.stepsPerEpoch(trainX.size(0))));
            if (resumeFrom == null) {
                vae = trainer.epochs(epochs).fit(trainX, trainLabels, testX, testLabels);
            } else {
                vae = trainer.epochs(epochsLeft(epochs, resumeFrom)).continueTraining(resumeFrom, trainX, trainLabels, testX, testLabels);
            }
        }
        finish(run, r, vae, stopping, monitor);
        report(run, vae, architecture, train.description() + (test == null ? "" : "; " + test.rows() + " rows held out"),
                test != null ? test : train, test != null);
    }

    /**
     * The recipe on Spark ({@code spark.master}): a table named by a CSV or Parquet URI is read, scaled and split where
     * it is, anything else is loaded here and its training rows sent to the partitions; DL4J's parameter averaging
     * ({@code spark.averaging} batches per worker between averagings) trains, with metrics, checkpoints, resume and
     * early stopping after each epoch as on one machine.
     */
    private static void runOnSpark(TrainingRun run, Recipe r, VariationalAutoencoder resumeFrom) {
        if (r.trainingBoolean("ui", false)) {
            throw r.error("training", "ui", "follows one machine's training; Spark's own UI shows a Spark run's jobs");
        }
        long seed = r.trainingLong("seed", VaeOptions.DEFAULTS.seed());
        int epochs = r.trainingInt("epochs", VaeOptions.DEFAULTS.epochs());
        double fraction = r.dataDouble("trainFraction", 0.9);
        EpochMonitor monitor = new EpochMonitor(run, r, epochs);
        EarlyStopping<VariationalAutoencoder> stopping = earlyStopping(r, fraction < 1);
        Likelihood likelihood = Likelihood.parse(r.modelString("likelihood", VaeShape.DEFAULTS.likelihood().label()));
        int averaging = r.sparkInt("averaging", org.gen4j.spark.SparkVae.DEFAULT_AVERAGING_FREQUENCY);
        if (averaging < 1) {
            throw r.error("spark", "averaging", "must be at least 1 batch, got " + averaging);
        }
        org.gen4j.spark.SparkFits.TrainedVae trained = org.gen4j.spark.SparkFits.vae(r.sparkMaster(), r.dataString("source", null),
                r.dataList("columns"), null, r.dataInt("limit", 0), scale(r, likelihood), likelihood != Likelihood.CATEGORICAL,
                fraction, seed, () -> load(r),
                shape -> trainer(r, architecture(r, shape), monitor, stopping)
                        .epochs(resumeFrom == null ? epochs : epochsLeft(epochs, resumeFrom)),
                averaging, resumeFrom);
        VariationalAutoencoder vae = trained.model();
        finish(run, r, vae, stopping, monitor);
        run.result("Spark", r.sparkMaster() + ", parameters averaged every " + averaging + " batches per worker");
        report(run, vae, vae.architecture(), trained.shown().description() + "; " + trained.trainRows() + " rows trained on"
                + (trained.heldOutRows() == 0 ? "" : ", " + trained.heldOutRows() + " held out"), trained.shown(),
                trained.heldOutRows() > 0);
    }

    private static int epochsLeft(int epochs, VariationalAutoencoder resumeFrom) {
        return Math.max(0, epochs - resumeFrom.history().epochs());
    }

    private static EarlyStopping<VariationalAutoencoder> earlyStopping(Recipe r, boolean hasHeldOut) {
        int patience = r.trainingInt("patience", 0);
        if (patience < 0) {
            throw r.error("training", "patience", "must be >= 0");
        }
        if (patience > 0 && !hasHeldOut) {
            throw r.error("training", "patience", "needs held-out data (data.trainFraction below 1)");
        }
        return patience == 0 ? null : new EarlyStopping<>(EarlyStopping.onHeldOutMetric(patience, false), VariationalAutoencoder::copy);
    }

    private static VaeTrainer trainer(Recipe r, VaeArchitecture architecture, EpochMonitor monitor,
                                      EarlyStopping<VariationalAutoencoder> stopping) {
        return new VaeTrainer(architecture).dataType(networkDataType(r))
                .batchSize(r.trainingInt("batch", VaeOptions.DEFAULTS.batchSize()))
                .learningRate(r.trainingDouble("learningRate", VaeOptions.DEFAULTS.learningRate()))
                .beta(r.modelDouble("beta", VaeOptions.DEFAULTS.beta()))
                .warmupEpochs(r.modelInt("warmupEpochs", VaeOptions.DEFAULTS.warmupEpochs()))
                .seed(r.trainingLong("seed", VaeOptions.DEFAULTS.seed()))
                .afterEpoch(monitor)
                .earlyStopping(stopping);
    }

    private static void finish(TrainingRun run, Recipe r, VariationalAutoencoder vae, EarlyStopping<VariationalAutoencoder> stopping,
                               EpochMonitor monitor) {
        int patience = r.trainingInt("patience", 0);
        if (stopping != null && stopping.stoppedEarly()) {
            run.result("early stopping", "after epoch " + monitor.lastEpoch + ": no held-out gain for " + patience
                    + " epochs (DL4J " + stopping.result().getTerminationDetails() + "); kept epoch " + vae.history().epochs());
        }
        ModelIO.save(vae, run.folder().resolve("model.gen4j"));
    }

    /** training.dtype of a network recipe: float32 (default), float64, or float16 on the CUDA backend. */
    static org.nd4j.linalg.api.buffer.DataType networkDataType(Recipe r) {
        try {
            return org.gen4j.nn.NetworkDataTypes.requireTrainable(org.gen4j.nn.NetworkDataTypes.parse(r.trainingString("dtype", "float32")));
        } catch (Gen4jException e) {
            throw r.error("training", "dtype", e.getMessage());
        }
    }

    /** data.scale, by default max for the Bernoulli likelihood and standardize for the others. */
    private static NetworkData.Scale scale(Recipe r, Likelihood likelihood) {
        String scale = r.dataString("scale", "");
        return scale.isEmpty() ? (likelihood == Likelihood.BERNOULLI ? NetworkData.Scale.MAX : NetworkData.Scale.STANDARDIZE)
                : parseScale(r, scale);
    }

    private static NetworkData load(Recipe r) {
        Likelihood likelihood = Likelihood.parse(r.modelString("likelihood", VaeShape.DEFAULTS.likelihood().label()));
        NetworkData.Scale s = scale(r, likelihood);
        String source = r.dataString("source", null);
        if (likelihood == Likelihood.CATEGORICAL) {
            return NetworkData.discrete(source, r.dataInt("limit", 0));
        }
        java.util.List<String> columns = r.dataList("columns");
        return NetworkData.load(source, columns.isEmpty() ? null : columns, null, r.dataInt("limit", 0),
                NetworkData.isImagesSource(source) ? NetworkData.Scale.NONE : s);
    }

    private static NetworkData.Scale parseScale(Recipe r, String scale) {
        try {
            return NetworkData.Scale.valueOf(scale.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw r.error("data", "scale", "must be none, max or standardize, got '" + scale + "'");
        }
    }

    static VaeArchitecture architecture(Recipe r, NetworkData data) {
        try {
            VaeShape d = VaeShape.DEFAULTS;
            return VaeArchitecture.forData(data, r.modelString("architecture", d.kind().label()), r.modelInts("hidden", d.hidden()),
                    r.modelInts("channels", d.channels()), r.modelInt("latent", d.latentSize()),
                    Likelihood.parse(r.modelString("likelihood", d.likelihood().label())), r.modelDouble("variance", d.variance()),
                    r.modelBoolean("conditional", false), r.modelString("activation", d.activation()));
        } catch (IllegalArgumentException | Gen4jException e) {
            throw new Gen4jException("recipe " + r.name() + ": " + e.getMessage());
        }
    }

    /** Metrics, Ctrl-C, checkpoints and early stopping after each epoch. */
    private static final class EpochMonitor implements java.util.function.Consumer<VariationalAutoencoder> {
        private final TrainingRun run;
        private final int every;
        private final Checkpoints checkpoints;
        private final int epochs;
        private int lastEpoch;

        EpochMonitor(TrainingRun run, Recipe r, int epochs) {
            run.expectIterations(epochs);
            this.run = run;
            this.every = r.trainingInt("checkpointEvery", 0);
            this.epochs = epochs;
            if (every < 0) {
                throw r.error("training", "checkpointEvery", "must be >= 0");
            }
            this.checkpoints = every > 0 ? new Checkpoints(run.folder(), 3) : null;
        }

        @Override
        public void accept(VariationalAutoencoder model) {
            VaeHistory h = model.history();
            int epoch = h.epochs();
            double elbo = h.testElbo()[epoch - 1];
            lastEpoch = epoch;
            run.iteration(0, epoch, -h.trainLoss()[epoch - 1], elbo);
            if (run.stopRequested()) {
                save(model, epoch);
                throw new RecipeTrainers.StopRequested();
            }
            if (checkpoints != null && (epoch % every == 0 || epoch == epochs)) {
                save(model, epoch);
            }
        }

        private void save(VariationalAutoencoder model, int epoch) {
            if (checkpoints != null) {
                checkpoints.save(new Checkpoints.Saved(0, epoch, epoch == epochs, model, null));
            }
        }
    }

    /** @param shown the held-out rows when {@code heldOut}, else the training rows: for the IWAE estimate and pictures */
    private static void report(TrainingRun run, VariationalAutoencoder vae, VaeArchitecture a, String data, NetworkData shown,
                               boolean heldOut) {
        int[] shownLabels = a.conditional() ? shown.labels() : null;
        VaeHistory h = vae.history();
        run.result("data", data);
        run.result("architecture", a.toString());
        run.result("parameters", String.valueOf(vae.parameterCount()));
        run.result("epochs", h.epochs() + " (" + fmt(java.util.Arrays.stream(h.seconds()).sum()) + " s)");
        run.result("train loss (negative ELBO)", fmt(h.trainLoss()[h.epochs() - 1]));
        INDArray shownX = a.inputs(shown);
        if (heldOut) {
            run.heldOut(h.testElbo()[h.epochs() - 1]);
            run.result("held-out ELBO", fmt(h.testElbo()[h.epochs() - 1]));
            INDArray few = shownX.get(NDArrayIndex.interval(0, Math.min(500, shownX.size(0))));
            int[] fewLabels = shownLabels == null ? null : java.util.Arrays.copyOf(shownLabels, (int) few.size(0));
            run.result("held-out log p(x), IWAE K=" + VariationalAutoencoder.DEFAULT_IMPORTANCE_SAMPLES + " (first "
                    + few.size(0) + " rows)", fmt(vae.logProb(few, fewLabels, VariationalAutoencoder.DEFAULT_IMPORTANCE_SAMPLES, 0)
                    .meanNumber().doubleValue()));
        }
        if (shown.isImages() && org.gen4j.eval.FeatureClassifier.bundledFor(shown.features()).isPresent() && heldOut) {
            // the GAN family's metrics, so that the two families compare on one table
            INDArray samples = a.conditional() ? org.gen4j.core.ConditionalSampler.balanced(vae, 1000, 99) : vae.sample(1000, 99);
            run.result("sample quality (1,000 samples vs held-out)", org.gen4j.eval.SampleQuality.of(samples, shown.flat(),
                    org.gen4j.eval.FeatureClassifier.bundledFor(shown.features()).orElseThrow()).toString());
        }
        if (shown.isImages()) {
            long[] shape = shown.imageShape();
            VaePictures.samples(vae, 10, 1, shape).write(run.folder().resolve("samples.png"));
            run.picture("samples.png", a.conditional() ? "decoder means of prior draws, one row per class" : "decoder means of 100 prior draws");
            VaePictures.reconstructions(vae, shownX, shownLabels, 30, shape).write(run.folder().resolve("reconstructions.png"));
            run.picture("reconstructions.png", "held-out inputs (odd rows) above their reconstructions (even rows)");
            if (!a.conditional() && shownX.size(0) >= 2) {
                VaePictures.interpolation(vae, shownX.get(NDArrayIndex.point(0)), shownX.get(NDArrayIndex.point(1)), 10, shape)
                        .write(run.folder().resolve("interpolation.png"));
                run.picture("interpolation.png", "decoded walk between the encodings of two held-out inputs");
            }
        }
        VaePictures.latentScatter(vae, shownX, shown.labels(), run.recipe().name() + ": latent means, two most active dimensions")
                .write(run.folder().resolve("latent.png"));
        run.picture("latent.png", "latent means of " + (heldOut ? "held-out" : "training") + " rows"
                + (shown.labels() != null ? ", coloured by class" : ""));
    }

    private static String fmt(double v) {
        return String.format("%.6g", v);
    }
}
