package org.gen4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchTest {
    @TempDir
    Path dir;

    private Path recipe() throws IOException {
        Path recipe = dir.resolve("faithful.yaml");
        Files.writeString(recipe, Files.readString(Path.of("training/gmm-faithful.yaml")).replace("output: runs", "output: " + dir));
        return recipe;
    }

    /** Two components with full covariances are Old Faithful's shape: a 4-trial grid must pick them. */
    @Test
    void aFourTrialGridPicksTheBetterConfiguration() throws IOException {
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, "model.components: {choice: [1, 2]}\nmodel.covariance: {choice: [full, spherical]}\n");
        Path folder = new HyperparameterSearch(recipe(), SearchSpace.read(space), 4, "grid", 0)
                .run(new PrintWriter(new StringWriter()));
        List<String> board = Files.readAllLines(folder.resolve("leaderboard.csv"));
        assertEquals("rank,trial,model.components,model.covariance,heldOut,run", board.get(0));
        assertEquals(5, board.size());
        assertTrue(board.get(1).startsWith("1,") && board.get(1).contains(",2,full,"), board.toString());
        assertTrue(Files.isRegularFile(folder.resolve("best-model.gen4j")));
    }

    @Test
    void randomSearchIsSeeded() throws IOException {
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, "model.components: {int: [1, 4]}\nmodel.regCovar: {float: [1.0e-6, 1.0e-3]}\n");
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        new HyperparameterSearch(recipe(), SearchSpace.read(space), 3, "random", 9).run(new PrintWriter(a));
        new HyperparameterSearch(recipe(), SearchSpace.read(space), 3, "random", 9).run(new PrintWriter(b));
        assertEquals(a.toString(), b.toString());
    }

    @Test
    void parallelTrialsGiveTheSameLeaderboard() throws IOException {
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, "model.components: {choice: [1, 2, 3]}\nmodel.covariance: {choice: [full, diag]}\n");
        Path one = new HyperparameterSearch(recipe(), SearchSpace.read(space), 6, "grid", 0).run(new PrintWriter(new StringWriter()));
        Path two = new HyperparameterSearch(recipe(), SearchSpace.read(space), 6, "grid", 0).parallel(2)
                .run(new PrintWriter(new StringWriter()));
        List<String> a = Files.readAllLines(one.resolve("leaderboard.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
        List<String> b = Files.readAllLines(two.resolve("leaderboard.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
        assertEquals(a, b);
    }
}
