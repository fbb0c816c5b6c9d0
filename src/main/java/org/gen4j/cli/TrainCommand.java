package org.gen4j.cli;

import org.gen4j.train.Recipe;
import org.gen4j.train.RecipeReader;
import org.gen4j.train.RecipeTrainers;
import org.gen4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;

/** {@code gen4j train RECIPE}: runs a training recipe into a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a training recipe (training/*.yaml) into runs/<recipe>-<time>/: resolved recipe, metrics.csv,"
                + " model, pictures and report.md.")
final class TrainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE", description = "A recipe file, e.g. training/gmm-faithful.yaml.")
    Path recipe;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue a run from its newest checkpoint (gmm, hmm, vae and gan recipes with training.checkpointEvery).")
    Path resume;

    @Option(names = "--set", paramLabel = "SECTION.KEY=VALUE", description = "Override a recipe value, e.g. --set training.maxIter=5.")
    List<String> overrides;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--ui", description = "Show DL4J's training UI for a vae or gan recipe (as --set training.ui=true).")
    boolean ui;

    @Option(names = "--ui-port", paramLabel = "PORT", description = "Port of the training UI (default 9000).")
    Integer uiPort;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run a gmm or hmm recipe on Apache Spark (as --set"
            + " spark.master=MASTER): local[N] on N cores of this machine, a cluster's master URL, or 'default' for"
            + " spark-submit's. data.source may then be a CSV or Parquet file or folder at any Hadoop URI.")
    String spark;

    /** Bars over each epoch's batches on a terminal (silent in pipes and with --quiet), as the fit commands draw them. */
    private java.util.function.BiFunction<Integer, Long, org.deeplearning4j.optimize.api.TrainingListener> epochBars() {
        Progress progress = Progress.of(spec.commandLine().getErr(), quiet);
        return progress::epochs;
    }

    @Override
    public void run() {
        if (resume != null) {
            if (recipe != null || overrides != null || ui || uiPort != null || spark != null) {
                throw new org.gen4j.core.Gen4jException("--resume continues a run with its own recipe: give no RECIPE, --set, --ui or --spark");
            }
            Path report;
            try {
                report = SparkOption.run(() -> RecipeTrainers.resume(resume, spec.commandLine().getOut(), quiet, epochBars()));
            } catch (RecipeTrainers.StopRequested stop) {
                return;                                         // the run has said where to resume from
            }
            spec.commandLine().getOut().println("resumed run folder: " + resume + " (report: " + report.getFileName() + ")");
            return;
        }
        if (recipe == null) {
            throw new org.gen4j.core.Gen4jException("name a recipe to run (e.g. training/gmm-faithful.yaml) or --resume RUN_DIR");
        }
        List<String> settings = new java.util.ArrayList<>(overrides == null ? List.of() : overrides);
        if (ui || uiPort != null) {
            settings.add("training.ui=true");
        }
        if (uiPort != null) {
            settings.add("training.uiPort=" + uiPort);
        }
        if (spark != null) {
            settings.add("spark.master='" + spark.replace("'", "''") + "'");
        }
        Recipe parsed = RecipeReader.read(recipe, settings);
        TrainingRun run = new TrainingRun(parsed, spec.commandLine().getOut(), quiet).withEpochProgress(epochBars());
        run.stopCleanlyOnInterrupt();
        Path report;
        try {
            report = SparkOption.run(() -> RecipeTrainers.train(run));
        } catch (RecipeTrainers.StopRequested stop) {
            return;                                             // the run has said where to resume from
        }
        spec.commandLine().getOut().println("run folder: " + run.folder() + " (report: " + report.getFileName() + ")");
    }
}
