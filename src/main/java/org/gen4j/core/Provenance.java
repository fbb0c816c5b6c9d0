package org.gen4j.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model was made, saved with it so that a model file explains itself (as Tribuo does): the trainer and
 * its hyperparameters, a description of the training data, the gen4j version and the time of fitting.
 *
 * @param trainer         the class or recipe that fitted the model
 * @param hyperparameters the resolved hyperparameters, as plain values (numbers, strings, booleans)
 * @param data            a description of the training data (source, rows, columns)
 * @param columns         the names of the features the model was fitted on, in order (empty if unknown)
 * @param gen4jVersion    the version of gen4j that fitted the model
 * @param createdAt       ISO-8601 instant of the fit
 */
public record Provenance(String trainer, Map<String, Object> hyperparameters, String data, List<String> columns,
                         String gen4jVersion, String createdAt) implements java.io.Serializable {

    public Provenance {
        hyperparameters = Collections.unmodifiableMap(normalised(hyperparameters));
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** A provenance stamped with this gen4j's version and the current time. */
    public static Provenance now(String trainer, Map<String, Object> hyperparameters, String data, List<String> columns) {
        return new Provenance(trainer, hyperparameters, data, columns, Gen4jVersion.current(), Instant.now().toString());
    }

    /** Whole numbers as Long and fractions as Double, so that a provenance read back from JSON equals the original. */
    private static Map<String, Object> normalised(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Object plain = value;
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                plain = ((Number) value).longValue();
            } else if (value instanceof Float) {
                plain = ((Number) value).doubleValue();
            }
            copy.put(key, plain);
        });
        return copy;
    }

    /** For models built by hand (user-given parameters) rather than fitted. */
    public static Provenance handMade(String what) {
        return now(what, Map.of(), "none", List.of());
    }
}
