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
        NetworkData data = load(r);
        long seed = r.trainingLong("seed", VaeOptions.DEFAULTS.seed());
        NetworkData[] parts = data.split(r.dataDouble("trainFraction", 0.9), seed);
        NetworkData train = parts[0], test = parts[1];
        VaeArchitecture architecture = architecture(r, data);
        INDArray trainX = architecture.inputs(train), testX = test == null ? null : architecture.inputs(test);
        int[] trainLabels = architecture.conditional() ? train.labels() : null;
        int[] testLabels = architecture.conditional() && test != null ? test.labels() : null;
        int epochs = r.trainingInt("epochs", VaeOptions.DEFAULTS.epochs());
        run.expectIterations(epochs);
        EpochMonitor monitor = new EpochMonitor(run, r, epochs);
        int patience = r.trainingInt("patience", 0);
        if (patience < 0) {
            throw r.error("training", "patience", "must be >= 0");
        }
        if (patience > 0 && testX == null) {
            throw r.error("training", "patience", "needs held-out data (data.trainFraction below 1)");
        }
        EarlyStopping<VariationalAutoencoder> stopping = patience == 0 ? null
                : new EarlyStopping<>(EarlyStopping.onHeldOutMetric(patience, false), VariationalAutoencoder::copy);
        VaeTrainer trainer = new VaeTrainer(architecture).dataType(networkDataType(r))
                .batchSize(r.trainingInt("batch", VaeOptions.DEFAULTS.batchSize()))
                .learningRate(r.trainingDouble("learningRate", VaeOptions.DEFAULTS.learningRate()))
                .beta(r.modelDouble("beta", VaeOptions.DEFAULTS.beta()))
                .warmupEpochs(r.modelInt("warmupEpochs", VaeOptions.DEFAULTS.warmupEpochs()))
                .seed(seed)
                .afterEpoch(monitor)
                .earlyStopping(stopping);
        VariationalAutoencoder vae;
        try (TrainingUi ui = TrainingUi.forRecipe(r, run)) {
            if (ui != null) {
                trainer.listeners(ui.listener());
            }
            if (resumeFrom == null) {
                vae = trainer.epochs(epochs).fit(trainX, trainLabels, testX, testLabels);
            } else {
                int left = epochs - resumeFrom.history().epochs();
                vae = trainer.epochs(Math.max(0, left)).continueTraining(resumeFrom, trainX, trainLabels, testX, testLabels);
            }
        }
        if (stopping != null && stopping.stoppedEarly()) {
            run.result("early stopping", "after epoch " + monitor.lastEpoch + ": no held-out gain for " + patience
                    + " epochs (DL4J " + stopping.result().getTerminationDetails() + "); kept epoch " + vae.history().epochs());
        }
        ModelIO.save(vae, run.folder().resolve("model.gen4j"));
        report(run, vae, architecture, train, test, testX, testLabels);
    }

    /** training.dtype of a network recipe: float32 (default), float64, or float16 on the CUDA backend. */
    static org.nd4j.linalg.api.buffer.DataType networkDataType(Recipe r) {
        try {
            return org.gen4j.nn.NetworkDataTypes.requireTrainable(org.gen4j.nn.NetworkDataTypes.parse(r.trainingString("dtype", "float32")));
        } catch (Gen4jException e) {
            throw r.error("training", "dtype", e.getMessage());
        }
    }

    private static NetworkData load(Recipe r) {
        String scale = r.dataString("scale", "");
        Likelihood likelihood = Likelihood.parse(r.modelString("likelihood", VaeShape.DEFAULTS.likelihood().label()));
        NetworkData.Scale s = scale.isEmpty()
                ? (likelihood == Likelihood.BERNOULLI ? NetworkData.Scale.MAX : NetworkData.Scale.STANDARDIZE)
                : parseScale(r, scale);
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

    private static void report(TrainingRun run, VariationalAutoencoder vae, VaeArchitecture a, NetworkData train, NetworkData test,
                               INDArray testX, int[] testLabels) {
        VaeHistory h = vae.history();
        run.result("data", train.description() + (test == null ? "" : "; " + test.rows() + " rows held out"));
        run.result("architecture", a.toString());
        run.result("parameters", String.valueOf(vae.parameterCount()));
        run.result("epochs", h.epochs() + " (" + fmt(java.util.Arrays.stream(h.seconds()).sum()) + " s)");
        run.result("train loss (negative ELBO)", fmt(h.trainLoss()[h.epochs() - 1]));
        NetworkData shown = test != null ? test : train;
        INDArray shownX = test != null ? testX : a.inputs(train);
        int[] shownLabels = a.conditional() ? shown.labels() : null;
        if (test != null) {
            run.heldOut(h.testElbo()[h.epochs() - 1]);
            run.result("held-out ELBO", fmt(h.testElbo()[h.epochs() - 1]));
            INDArray few = testX.get(NDArrayIndex.interval(0, Math.min(500, testX.size(0))));
            int[] fewLabels = testLabels == null ? null : java.util.Arrays.copyOf(testLabels, (int) few.size(0));
            run.result("held-out log p(x), IWAE K=" + VariationalAutoencoder.DEFAULT_IMPORTANCE_SAMPLES + " (first "
                    + few.size(0) + " rows)", fmt(vae.logProb(few, fewLabels, VariationalAutoencoder.DEFAULT_IMPORTANCE_SAMPLES, 0)
                    .meanNumber().doubleValue()));
        }
        if (shown.isImages() && org.gen4j.eval.FeatureClassifier.bundledFor(shown.features()).isPresent() && test != null) {
            // the GAN family's metrics, so that the two families compare on one table
            INDArray samples = a.conditional() ? org.gen4j.core.ConditionalSampler.balanced(vae, 1000, 99) : vae.sample(1000, 99);
            run.result("sample quality (1,000 samples vs held-out)", org.gen4j.eval.SampleQuality.of(samples, test.flat(),
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
        run.picture("latent.png", "latent means of " + (test != null ? "held-out" : "training") + " rows"
                + (shown.labels() != null ? ", coloured by class" : ""));
    }

    private static String fmt(double v) {
        return String.format("%.6g", v);
    }
}
