package org.gen4j.bayesnet;

import org.gen4j.bayesnet.readwrite.BifReader;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.ModelIO;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a network by file or by name: a {@code .bif} file, a gen4j model file, or one of the bnlearn networks
 * shipped in {@code datasets/bn} (asia, cancer, earthquake, sachs, survey, child, alarm).
 *
 * <pre>{@code
 * BayesianNetwork asia = Networks.load("asia");
 * }</pre>
 */
public final class Networks {
    /** The networks shipped with gen4j. */
    public static final List<String> BUNDLED = List.of("asia", "cancer", "earthquake", "sachs", "survey", "child", "alarm");

    private Networks() {
    }

    public static BayesianNetwork load(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) {
            if (BifReader.isBifName(nameOrPath)) {
                return BifReader.read(path);
            }
            GenerativeModel model = ModelIO.load(path);
            if (model instanceof BayesianNetwork network) {
                return network;
            }
            throw new Gen4jException(path + " holds a " + model.modelType() + ", not a Bayesian network");
        }
        if (BUNDLED.contains(nameOrPath)) {
            String resource = "/org/gen4j/datasets/bn/" + nameOrPath + ".bif";
            try (InputStream in = Networks.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("bundled network missing from the gen4j jar: " + resource);
                }
                return BifReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrPath + ".bif");
            } catch (IOException e) {
                throw new IllegalStateException("cannot read bundled network " + resource, e);
            }
        }
        throw new Gen4jException("no network file at " + nameOrPath + " and no bundled network of that name (bundled: "
                + String.join(", ", BUNDLED) + ")");
    }
}
