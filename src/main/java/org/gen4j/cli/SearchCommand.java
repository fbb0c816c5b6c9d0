package org.gen4j.cli;

import org.gen4j.train.HyperparameterSearch;
import org.gen4j.train.SearchSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code gen4j search}: hyperparameter search over a recipe. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Random or grid search over recipe keys, each trial a full run scored on held-out log-likelihood;"
                + " writes leaderboard.csv and best-model.gen4j.")
final class SearchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE", description = "The recipe to vary.")
    Path recipe;

    @Option(names = "--space", required = true, paramLabel = "SPACE.yaml",
            description = "section.key: {int: [min, max]} | {float: [min, max]} | {choice: [a, b]} per varied key.")
    Path space;

    @Option(names = "--trials", defaultValue = "8", paramLabel = "N", description = "How many trials (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--mode", defaultValue = "random", paramLabel = "MODE", description = "random or grid (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the candidate generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "P", description = "Trials run at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Override
    public void run() {
        Path folder = new HyperparameterSearch(recipe, SearchSpace.read(space), trials, mode, seed).parallel(parallel)
                .run(spec.commandLine().getOut());
        spec.commandLine().getOut().println("search folder: " + folder + " (leaderboard.csv, best-model.gen4j)");
    }
}
