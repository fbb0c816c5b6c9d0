package org.gen4j.train;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipeTest {
    private static final String GOOD = """
            name: demo
            model:
              family: gmm
              components: 3
            data:
              source: faithful
            training:
              maxIter: 10
            """;

    @Test
    void valuesAndOverridesAreRead() {
        Recipe r = RecipeReader.parse(GOOD, "x", List.of("model.components=4", "training.tol=1e-5", "output=/tmp/runs"));
        assertEquals("demo", r.name());
        assertEquals("gmm", r.family());
        assertEquals(4, r.modelInt("components", 1));
        assertEquals(1e-5, r.trainingDouble("tol", 0));
        assertEquals("/tmp/runs", r.output());
        assertEquals("full", r.modelString("covariance", "full"));
    }

    @Test
    void unknownKeysAndWrongTypesNameTheKeyAndLine() {
        assertMessage("line 4: unknown key 'model.compnents'", GOOD.replace("components: 3", "compnents: 3"), List.of());
        assertMessage("line 4: model.components must be a whole number, got \"three\"",
                GOOD.replace("components: 3", "components: three"), List.of());
        assertMessage("line 1: unknown key 'nmae'", GOOD.replace("name: demo", "nmae: demo"), List.of());
        assertMessage("model.family must be one of [bn, gan, gmm, hmm, vae], got 'svm'", GOOD.replace("family: gmm", "family: svm"), List.of());
        assertMessage("the training section is missing", GOOD.replace("training:\n  maxIter: 10\n", ""), List.of());
        assertMessage("not valid YAML", "model: [a, b", List.of());
        assertMessage("is not section.key=value", GOOD, List.of("maxIter"));
        assertMessage("training.maxIter must be a whole number", GOOD, List.of("training.maxIter=many"));
    }

    private static void assertMessage(String part, String yaml, List<String> overrides) {
        Gen4jException e = assertThrows(Gen4jException.class, () -> {
            Recipe r = RecipeReader.parse(yaml, "demo", overrides);
            r.modelInt("components", 1);
            r.trainingInt("maxIter", 1);
        });
        assertTrue(e.getMessage().contains(part), "message was: " + e.getMessage());
    }
}
