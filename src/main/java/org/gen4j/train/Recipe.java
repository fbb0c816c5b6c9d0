package org.gen4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.Gen4jException;

import java.util.ArrayList;
import java.util.List;

/**
 * A training recipe: which model family and hyperparameters, which data, how to train, where to write the run.
 * One schema for every family; {@link RecipeReader} validates keys and types and names the line of any error.
 *
 * <pre>{@code
 * Recipe recipe = RecipeReader.read(Path.of("training/gmm-faithful.yaml"), List.of("training.maxIter=20"));
 * int k = recipe.modelInt("components", 2);
 * }</pre>
 */
public final class Recipe {
    private final String name;
    private final ObjectNode root;
    private final RecipeReader.Lines lines;

    Recipe(String name, ObjectNode root, RecipeReader.Lines lines) {
        this.name = name;
        this.root = root;
        this.lines = lines;
    }

    public String name() {
        return name;
    }

    /** The resolved recipe (overrides applied), as written into the run folder. */
    public ObjectNode tree() {
        return root.deepCopy();
    }

    public String family() {
        return modelString("family", null);
    }

    public String output() {
        JsonNode node = root.get("output");
        return node == null ? "runs" : node.asText();
    }

    /** The Spark master to fit on ({@code spark.master}: local[N], a cluster's URL, or default), or null for this JVM. */
    public String sparkMaster() {
        JsonNode master = root.path("spark").get("master");
        if (master == null) {
            return null;
        }
        if (!master.isTextual() || master.asText().isBlank()) {
            throw error("spark", "master", "must be text such as local[2], spark://HOST:7077 or default, got " + master);
        }
        return master.asText();
    }

    public String modelString(String key, String fallback) {
        return string("model", key, fallback);
    }

    /** A number in the {@code spark} section ({@code spark.averaging} of a vae recipe). */
    public int sparkInt(String key, int fallback) {
        return integer("spark", key, fallback);
    }

    public int modelInt(String key, int fallback) {
        return integer("model", key, fallback);
    }

    public double modelDouble(String key, double fallback) {
        return number("model", key, fallback);
    }

    /** A whole number or a list of them ({@code hidden: 256} or {@code hidden: [256, 128]}). */
    public int[] modelInts(String key, int[] fallback) {
        JsonNode node = section("model").get(key);
        if (node == null) {
            return fallback == null ? null : fallback.clone();
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return new int[]{node.asInt()};
        }
        if (!node.isArray()) {
            throw error("model", key, "must be a whole number or a list of them, got " + node);
        }
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode item = node.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                throw error("model", key, "must be a list of whole numbers, got " + node);
            }
            out[i] = item.asInt();
        }
        return out;
    }

    public boolean trainingBoolean(String key, boolean fallback) {
        return bool("training", key, fallback);
    }

    public boolean modelBoolean(String key, boolean fallback) {
        return bool("model", key, fallback);
    }

    private boolean bool(String sectionName, String key, boolean fallback) {
        JsonNode node = section(sectionName).get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error(sectionName, key, "must be true or false, got " + node);
        }
        return node.asBoolean();
    }

    public int dataInt(String key, int fallback) {
        return integer("data", key, fallback);
    }

    public String dataString(String key, String fallback) {
        return string("data", key, fallback);
    }

    public double dataDouble(String key, double fallback) {
        return number("data", key, fallback);
    }

    public List<String> dataList(String key) {
        JsonNode node = section("data").get(key);
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            throw error("data", key, "must be a list, e.g. [a, b]");
        }
        node.forEach(item -> out.add(item.asText()));
        return out;
    }

    public int trainingInt(String key, int fallback) {
        return integer("training", key, fallback);
    }

    public double trainingDouble(String key, double fallback) {
        return number("training", key, fallback);
    }

    public long trainingLong(String key, long fallback) {
        JsonNode node = section("training").get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            throw error("training", key, "must be a whole number, got " + node);
        }
        return node.asLong();
    }

    public String trainingString(String key, String fallback) {
        return string("training", key, fallback);
    }

    private JsonNode section(String section) {
        JsonNode node = root.get(section);
        return node == null ? root.objectNode() : node;
    }

    private String string(String section, String key, String fallback) {
        JsonNode node = section(section).get(key);
        if (node == null) {
            if (fallback == null) {
                throw new Gen4jException("recipe " + name + ": " + section + "." + key + " is required");
            }
            return fallback;
        }
        if (!node.isTextual()) {
            throw error(section, key, "must be text, got " + node);
        }
        return node.asText();
    }

    private int integer(String section, String key, int fallback) {
        JsonNode node = section(section).get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(section, key, "must be a whole number, got " + node);
        }
        return node.asInt();
    }

    private double number(String section, String key, double fallback) {
        JsonNode node = section(section).get(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw error(section, key, "must be a number, got " + node);
        }
        return node.asDouble();
    }

    Gen4jException error(String section, String key, String problem) {
        return new Gen4jException("recipe " + name + ", line " + lines.of(section, key) + ": " + section + "." + key + " " + problem);
    }
}
