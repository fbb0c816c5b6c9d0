package org.gen4j.bayesnet;

import org.gen4j.bayesnet.readwrite.BifReader;

import java.nio.file.Path;

/** The bundled networks of datasets/bn, read from the source tree. */
final class TestNetworks {
    static final String[] SMALL = {"asia", "cancer", "earthquake", "sachs", "survey"};

    private TestNetworks() {
    }

    static BayesianNetwork load(String name) {
        return org.gen4j.bayesnet.Networks.load(name);
    }
}
