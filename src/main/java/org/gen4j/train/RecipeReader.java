package org.gen4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.gen4j.core.Gen4jException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML recipe, applies {@code section.key=value} overrides, and checks every key against the schema of
 * its section and family: an unknown key or a value of the wrong type is an error naming the key and its line.
 */
public final class RecipeReader {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("name", "model", "data", "training", "output", "spark");
    private static final Set<String> SPARK = Set.of("master", "averaging");
    private static final Set<String> DATA = Set.of("source", "columns", "sequenceColumn", "trainFraction", "limit", "scale");
    private static final Set<String> TRAINING = Set.of("maxIter", "tol", "seed", "dtype", "checkpointEvery", "patience",
            "epochs", "batch", "learningRate", "generatorLearningRate", "discriminatorLearningRate", "ui", "uiPort");
    private static final Map<String, Set<String>> MODEL = Map.of(
            "gmm", Set.of("family", "components", "covariance", "init", "nInit", "regCovar"),
            "hmm", Set.of("family", "states", "emission", "covariance", "mixtures", "nInit"),
            "bn", Set.of("family", "structure", "score", "maxParents", "restarts", "estimator", "ess", "network"),
            "vae", Set.of("family", "architecture", "hidden", "channels", "latent", "likelihood", "variance", "beta",
                    "warmupEpochs", "conditional", "activation"),
            "gan", Set.of("family", "architecture", "latent", "generatorHidden", "discriminatorHidden", "channels",
                    "outputActivation", "labelSmoothing", "nCritic", "clip", "emaDecay"));

    private RecipeReader() {
    }

    public static Recipe read(Path path, List<String> overrides) {
        if (!Files.isRegularFile(path)) {
            throw new Gen4jException("no recipe at " + path);
        }
        try {
            return parse(Files.readString(path), path.getFileName().toString().replaceFirst("\\.ya?ml$", ""), overrides);
        } catch (IOException e) {
            throw new Gen4jException("cannot read recipe " + path + ": " + e.getMessage(), e);
        }
    }

    /** @param fallbackName the recipe's name when it has no {@code name} key */
    public static Recipe parse(String yaml, String fallbackName, List<String> overrides) {
        JsonNode parsed;
        try {
            parsed = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new Gen4jException("recipe " + fallbackName + ", line " + e.getLocation().getLineNr() + ": not valid YAML ("
                    + e.getOriginalMessage() + ")");
        }
        if (!(parsed instanceof ObjectNode root)) {
            throw new Gen4jException("recipe " + fallbackName + " must be a YAML mapping with model, data and training sections");
        }
        Lines lines = new Lines(yaml);
        String name = root.has("name") ? root.get("name").asText() : fallbackName;
        for (String override : overrides) {
            apply(root, override, name);
        }
        checkKeys(root, TOP, "", lines, name);
        for (String section : List.of("model", "data", "training")) {
            JsonNode node = root.get(section);
            if (node == null) {
                throw new Gen4jException("recipe " + name + ": the " + section + " section is missing");
            }
            if (!node.isObject()) {
                throw new Gen4jException("recipe " + name + ", line " + lines.of("", section) + ": " + section + " must be a mapping");
            }
        }
        String family = root.get("model").path("family").asText("");
        Set<String> modelKeys = MODEL.get(family);
        if (modelKeys == null) {
            throw new Gen4jException("recipe " + name + ", line " + lines.of("model", "family") + ": model.family must be one of "
                    + MODEL.keySet().stream().sorted().toList() + ", got '" + family + "'");
        }
        checkKeys(root.get("model"), modelKeys, "model", lines, name);
        checkKeys(root.get("data"), DATA, "data", lines, name);
        checkKeys(root.get("training"), TRAINING, "training", lines, name);
        JsonNode spark = root.get("spark");
        if (spark != null) {
            if (!spark.isObject()) {
                throw new Gen4jException("recipe " + name + ", line " + lines.of("", "spark") + ": spark must be a mapping (master: local[2])");
            }
            checkKeys(spark, SPARK, "spark", lines, name);
            if (family.equals("bn")) {
                throw new Gen4jException("recipe " + name + ", line " + lines.of("", "spark") + ": " + family
                        + " recipes do not run on Spark yet (gmm, hmm, vae and gan recipes do; fit bn --spark learns a given structure's tables)");
            }
            if (spark.has("averaging") && !family.equals("vae") && !family.equals("gan")) {
                throw new Gen4jException("recipe " + name + ", line " + lines.of("spark", "averaging") + ": spark.averaging sets how"
                        + " often a network's workers average their parameters: vae and gan recipes only");
            }
        }
        return new Recipe(name, root, lines);
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String section, Lines lines, String name) {
        Iterator<String> fields = node.fieldNames();
        while (fields.hasNext()) {
            String key = fields.next();
            if (!allowed.contains(key)) {
                throw new Gen4jException("recipe " + name + ", line " + lines.of(section, key) + ": unknown key '"
                        + (section.isEmpty() ? key : section + "." + key) + "' (allowed: " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    /**
     * {@code section.key=value} (or {@code key=value} for a top-level key such as {@code output}): the value is read
     * as YAML, so numbers stay numbers and [a, b] is a list.
     */
    private static void apply(ObjectNode root, String override, String name) {
        int eq = override.indexOf('=');
        int dot = override.indexOf('.');
        if (eq <= 0) {
            throw new Gen4jException("override '" + override + "' is not section.key=value (e.g. training.maxIter=5)");
        }
        if (dot < 0 || dot > eq) {
            try {
                root.set(override.substring(0, eq), YAML.readTree(override.substring(eq + 1)));
            } catch (JsonProcessingException e) {
                throw new Gen4jException("override '" + override + "': the value is not valid YAML");
            }
            return;
        }
        String section = override.substring(0, dot);
        String key = override.substring(dot + 1, eq);
        JsonNode value;
        try {
            value = YAML.readTree(override.substring(eq + 1));
        } catch (JsonProcessingException e) {
            throw new Gen4jException("override '" + override + "': the value is not valid YAML");
        }
        if (section.equals("spark") && !root.has("spark")) {
            root.putObject("spark");                          // --spark MASTER on a recipe without a spark section
        }
        JsonNode target = root.get(section);
        if (!(target instanceof ObjectNode sectionNode)) {
            throw new Gen4jException("recipe " + name + ": override '" + override + "' names no section '" + section + "'");
        }
        sectionNode.set(key, value == null || value.isMissingNode() ? root.nullNode() : value);
    }

    /** Where keys stand in the YAML text, for error messages (overrides have no line: they report the section's). */
    static final class Lines {
        private final List<String> text;

        Lines(String yaml) {
            this.text = new ArrayList<>(yaml.lines().toList());
        }

        /** The 1-based line of {@code key} within {@code section} ("" for a top-level key), or 0 if not found. */
        int of(String section, String key) {
            int start = 0;
            if (!section.isEmpty()) {
                start = -1;
                for (int i = 0; i < text.size(); i++) {
                    if (text.get(i).matches(section + "\\s*:.*")) {
                        start = i + 1;
                        break;
                    }
                }
                if (start < 0) {
                    return 0;
                }
            }
            for (int i = start; i < text.size(); i++) {
                String line = text.get(i);
                if (!section.isEmpty() && i > start && !line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                    break;                                           // the section ended
                }
                if (line.strip().startsWith(key + ":") || line.strip().startsWith(key + " :")) {
                    return i + 1;
                }
            }
            return start;
        }
    }
}
