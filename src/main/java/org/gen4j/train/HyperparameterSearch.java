package org.gen4j.train;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.BaseCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.gen4j.core.AtomicFiles;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Require;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Random or grid search over recipe keys: Arbiter's candidate generators propose overrides, each trial is a full
 * run of the recipe (its own run folder), scored on its held-out log-likelihood; the leaderboard and the best
 * model are written to {@code <output>/search-<recipe>-<time>/}.
 *
 * <pre>{@code
 * Path leaderboard = new HyperparameterSearch(recipe, SearchSpace.read(space), 8, "random", 1).run(terminal);
 * }</pre>
 */
public final class HyperparameterSearch {
    private final Path recipe;
    private final SearchSpace space;
    private final int trials;
    private final String mode;
    private final long seed;
    private int parallel = 1;

    /** Runs up to this many trials at once (default 1); the leaderboard does not depend on it. */
    public HyperparameterSearch parallel(int threads) {
        this.parallel = Require.atLeast("parallel", threads, 1);
        return this;
    }

    public HyperparameterSearch(Path recipe, SearchSpace space, int trials, String mode, long seed) {
        this.recipe = recipe;
        this.space = space;
        this.trials = Require.atLeast("trials", trials, 1);
        if (!List.of("random", "grid").contains(mode)) {
            throw new Gen4jException("unknown search mode '" + mode + "' (expected random or grid)");
        }
        this.mode = mode;
        this.seed = seed;
    }

    /** One trial: its overrides, held-out score and run folder. */
    public record Trial(int index, Map<String, Object> values, double score, Path run) {
    }

    private Trial runTrial(int index, Map<String, Object> values, Path folder, PrintWriter terminal) {
        List<String> overrides = new ArrayList<>();
        values.forEach((k, v) -> overrides.add(k + "=" + v));
        overrides.add("output=" + folder.resolve("trials"));
        Recipe trialRecipe = RecipeReader.read(recipe, overrides);
        TrainingRun run = new TrainingRun(trialRecipe, new PrintWriter(new StringWriter()), true);
        double score;
        String failure = "";
        try {
            RecipeTrainers.train(run);
            score = run.heldOutScore();
        } catch (Gen4jException e) {
            score = Double.NaN;                                  // an invalid combination scores nothing
            failure = " failed: " + e.getMessage();
        }
        synchronized (terminal) {
            terminal.printf("trial %d %s held-out %.6g%s%n", index, values, score, failure);
            terminal.flush();
        }
        return new Trial(index, values, score, run.folder());
    }

    /** Runs the trials and returns the search folder (leaderboard.csv, best-model.gen4j). */
    public Path run(PrintWriter terminal) {
        Recipe base = RecipeReader.read(recipe, List.of());
        Path folder = Path.of(base.output()).resolve("search-" + base.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        BaseCandidateGenerator<?> generator = mode.equals("random")
                ? new RandomSearchGenerator(space, null)
                : new GridSearchCandidateGenerator(space, Math.max(2, trials), GridSearchCandidateGenerator.Mode.Sequential, null);
        generator.setRngSeed(seed);
        // candidates are drawn first, in order, so the trials are the same however many run at once
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (int t = 0; t < trials && generator.hasMoreCandidates(); t++) {
            Candidate<?> candidate = generator.getCandidate();
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) candidate.getValue();
            candidates.add(values);
        }
        List<Trial> results = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        try {
            List<java.util.concurrent.Future<Trial>> futures = new ArrayList<>();
            for (int t = 0; t < candidates.size(); t++) {
                int index = t;
                futures.add(pool.submit(() -> runTrial(index, candidates.get(index), folder, terminal)));
            }
            for (java.util.concurrent.Future<Trial> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Gen4jException("search interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Trial best = results.stream().filter(r -> !Double.isNaN(r.score()))
                .max(java.util.Comparator.comparingDouble(Trial::score))
                .orElseThrow(() -> new Gen4jException("every trial failed; see the messages above"));
        StringBuilder csv = new StringBuilder("rank,trial," + String.join(",", best.values().keySet()) + ",heldOut,run\n");
        List<Trial> ranked = new ArrayList<>(results);
        ranked.sort(java.util.Comparator.comparingDouble((Trial r) -> Double.isNaN(r.score()) ? Double.NEGATIVE_INFINITY : r.score()).reversed());
        for (int i = 0; i < ranked.size(); i++) {
            Trial r = ranked.get(i);
            csv.append(i + 1).append(',').append(r.index());
            r.values().values().forEach(v -> csv.append(',').append(v));
            csv.append(',').append(r.score()).append(',').append(r.run()).append('\n');
        }
        AtomicFiles.write(folder.resolve("leaderboard.csv"), out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
        try {
            Files.copy(best.run().resolve("model.gen4j"), folder.resolve("best-model.gen4j"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Gen4jException("cannot copy the best model: " + e.getMessage(), e);
        }
        terminal.printf("best: trial %d %s held-out %.6g%n", best.index(), best.values(), best.score());
        return folder;
    }
}
