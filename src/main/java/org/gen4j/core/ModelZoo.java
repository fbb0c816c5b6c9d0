package org.gen4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The small trained models shipped inside gen4j ({@code models/} in the source tree, each with a model card in
 * {@code models/README.md}), loadable by name.
 *
 * <pre>{@code
 * GenerativeModel hmm = ModelZoo.load("hmm-eustocks");         // or "zoo:hmm-eustocks" on the command line
 * }</pre>
 */
public final class ModelZoo {
    /** The models in the zoo. */
    public static final List<String> NAMES = List.of("gmm-faithful", "hmm-eustocks", "bn-asia", "vae-digits", "dcgan-digits");
    public static final String PREFIX = "zoo:";

    private ModelZoo() {
    }

    public static GenerativeModel load(String name) {
        String bare = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        if (!NAMES.contains(bare)) {
            throw new Gen4jException("no model '" + bare + "' in the zoo (models: " + String.join(", ", NAMES) + ")");
        }
        String resource = "/org/gen4j/models/" + bare + ".gen4j";
        try (InputStream in = ModelZoo.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("zoo model missing from the gen4j jar: " + resource);
            }
            // model files are zip archives, read with random access: go through a temporary file
            Path temp = Files.createTempFile("gen4j-zoo-" + bare, ".gen4j");
            try {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                return ModelIO.load(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read zoo model " + resource, e);
        }
    }
}
