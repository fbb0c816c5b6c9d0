package org.gen4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.gen4j.core.Gen4jException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recipe keys a search varies, as one Arbiter parameter space whose value is a map of recipe overrides
 * ({@code section.key} → value). Only Arbiter's generic leaf spaces are used (integer, continuous, discrete).
 *
 * <pre>{@code
 * # space.yaml
 * model.components: {int: [1, 6]}
 * model.covariance: {choice: [full, diag, tied, spherical]}
 * model.regCovar: {float: [1.0e-6, 1.0e-3]}
 * }</pre>
 */
public final class SearchSpace implements ParameterSpace<Map<String, Object>> {
    private final Map<String, ParameterSpace<?>> leaves;

    private SearchSpace(Map<String, ParameterSpace<?>> leaves) {
        this.leaves = leaves;
    }

    public static SearchSpace read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new Gen4jException("no search space at " + path);
        }
        JsonNode root;
        try {
            root = RecipeReader.YAML.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new Gen4jException("search space " + path + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new Gen4jException("search space " + path + " must map recipe keys (section.key) to ranges");
        }
        Map<String, ParameterSpace<?>> leaves = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            leaves.put(field.getKey(), leaf(field.getKey(), field.getValue(), path));
        }
        return new SearchSpace(leaves);
    }

    private static ParameterSpace<?> leaf(String key, JsonNode spec, Path path) {
        String where = "search space " + path + ", " + key;
        if (!key.contains(".")) {
            throw new Gen4jException(where + ": keys are section.key, e.g. model.components");
        }
        if (spec.has("int") && spec.get("int").size() == 2) {
            return new IntegerParameterSpace(spec.get("int").get(0).asInt(), spec.get("int").get(1).asInt());
        }
        if (spec.has("float") && spec.get("float").size() == 2) {
            return new ContinuousParameterSpace(spec.get("float").get(0).asDouble(), spec.get("float").get(1).asDouble());
        }
        if (spec.has("choice") && spec.get("choice").isArray() && spec.get("choice").size() > 0) {
            List<Object> values = new ArrayList<>();
            spec.get("choice").forEach(v -> values.add(v.isNumber() ? (Object) v.numberValue() : v.asText()));
            return new DiscreteParameterSpace<>(values);
        }
        throw new Gen4jException(where + ": expected {int: [min, max]}, {float: [min, max]} or {choice: [a, b, ...]}");
    }

    @Override
    public Map<String, Object> getValue(double[] parameterValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        leaves.forEach((key, leaf) -> values.put(key, leaf.getValue(parameterValues)));
        return values;
    }

    @Override
    public int numParameters() {
        return leaves.values().stream().mapToInt(ParameterSpace::numParameters).sum();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return new ArrayList<>(leaves.values());
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return new LinkedHashMap<>(leaves);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("the leaves of a search space take their own indices");
    }
}
