package org.gen4j.bayesnet;

import org.gen4j.bayesnet.readwrite.BifReader;

import java.nio.file.Path;

/** The bundled networks of datasets/bn, read from the source tree. */
final class Networks {
    static final String[] SMALL = {"asia", "cancer", "earthquake", "sachs", "survey"};

    private Networks() {
    }

    static BayesianNetwork load(String name) {
        return BifReader.read(Path.of("datasets/bn", name + ".bif"));
    }
}
