package org.gen4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelIO;
import org.gen4j.core.GenerativeModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints of a run, in {@code checkpoints/state-<run>-<iteration>/}: the current model, the best finished
 * restart (if any) and the position. Each is written into a hidden folder that is renamed into place when
 * complete, so a kill leaves either the whole checkpoint or none; the last {@code keep} are kept. Loading takes
 * the newest checkpoint that reads back whole, skipping damaged ones.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path folder;
    private final int keep;

    public Checkpoints(Path runFolder, int keep) {
        this.folder = runFolder.resolve("checkpoints");
        this.keep = keep;
    }

    /**
     * A saved position of an iterative fit, whatever the model family.
     *
     * @param best the best finished restart so far, or null
     */
    public record Saved(int run, int iteration, boolean runFinished, GenerativeModel current, GenerativeModel best) {
    }

    public void save(Saved state) {
        String name = String.format("state-%03d-%06d", state.run(), state.iteration());
        Path target = folder.resolve(name);
        Path temp = folder.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(folder);
            deleteTree(temp);
            Files.createDirectories(temp);
            ModelIO.save(state.current(), temp.resolve("current.gen4j"));
            if (state.best() != null) {
                ModelIO.save(state.best(), temp.resolve("best.gen4j"));
            }
            ObjectNode progress = JSON.createObjectNode();
            progress.put("run", state.run());
            progress.put("iteration", state.iteration());
            progress.put("runFinished", state.runFinished());
            Files.writeString(temp.resolve("progress.json"), JSON.writeValueAsString(progress));
            deleteTree(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            prune();
        } catch (IOException e) {
            throw new Gen4jException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /** The newest checkpoint that loads completely, or empty when there is none. */
    public Optional<Saved> latest() {
        List<Path> all = new java.util.ArrayList<>(checkpoints());
        java.util.Collections.reverse(all);
        for (Path candidate : all) {
            try {
                JsonNode progress = JSON.readTree(Files.readString(candidate.resolve("progress.json")));
                GenerativeModel current = ModelIO.load(candidate.resolve("current.gen4j"));
                Path bestFile = candidate.resolve("best.gen4j");
                GenerativeModel best = Files.exists(bestFile) ? ModelIO.load(bestFile) : null;
                return Optional.of(new Saved(progress.get("run").asInt(), progress.get("iteration").asInt(),
                        progress.get("runFinished").asBoolean(), current, best));
            } catch (IOException | Gen4jException | NullPointerException e) {
                System.err.println("gen4j: skipping damaged checkpoint " + candidate + " (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    private List<Path> checkpoints() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("state-"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new Gen4jException("cannot list checkpoints in " + folder + ": " + e.getMessage(), e);
        }
    }

    private void prune() throws IOException {
        List<Path> all = checkpoints();
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
