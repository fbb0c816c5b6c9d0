package org.gen4j.bayesnet;

import org.gen4j.bayesnet.readwrite.BifReader;
import org.gen4j.bayesnet.readwrite.BifWriter;
import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BifReaderTest {

    /** Counts as published by the bnlearn repository (shared/datasets/README.md). */
    @Test
    void theRepositoryNetworksLoadWithTheirPublishedSizes() {
        String[] names = {"asia", "cancer", "earthquake", "sachs", "survey", "child", "alarm"};
        int[] variables = {8, 5, 5, 11, 6, 20, 37};
        int[] arcs = {8, 4, 4, 17, 6, 25, 46};
        long[] parameters = {18, 10, 10, 178, 21, 230, 509};
        for (int i = 0; i < names.length; i++) {
            BayesianNetwork network = TestNetworks.load(names[i]);
            assertEquals(variables[i], network.variables().size(), names[i]);
            assertEquals(arcs[i], network.edges().size(), names[i]);
            assertEquals(parameters[i], network.parameterCount(), names[i]);
        }
        assertTrue(TestNetworks.load("child").variable("Disease").states().contains("Lung"));
    }

    @Test
    void writingAndReadingBackGivesTheSameTables() {
        for (String name : TestNetworks.SMALL) {
            BayesianNetwork network = TestNetworks.load(name);
            BayesianNetwork again = BifReader.parse(BifWriter.toBif(network), "round trip");
            for (ConditionalProbabilityTable cpt : network.cpts()) {
                ConditionalProbabilityTable other = again.cpt(cpt.child().name());
                assertEquals(cpt.parents(), other.parents());
                assertEquals(cpt.values(), other.values(), name + " " + cpt.child().name());
            }
        }
    }

    @Test
    void parseErrorsNameTheLine() {
        assertMessage("line 4: expected 'type'", "network x {\n}\nvariable a {\n  kind discrete [ 2 ] { y, n };\n}\n");
        assertMessage("declares 3 states but lists 2", "variable a {\n  type discrete [ 3 ] { y, n };\n}\n");
        assertMessage("undeclared variable 'b'", "variable a {\n  type discrete [ 2 ] { y, n };\n}\nprobability ( a | b ) {\n}\n");
        assertMessage("sums to 0.900000, not 1", "variable a {\n  type discrete [ 2 ] { y, n };\n}\nprobability ( a ) {\n  table 0.5, 0.4;\n}\n");
        assertMessage("has no probability block", "variable a {\n  type discrete [ 2 ] { y, n };\n}\n");
        assertMessage("cycle", "variable a {\n  type discrete [ 2 ] { y, n };\n}\nvariable b {\n  type discrete [ 2 ] { y, n };\n}\n"
                + "probability ( a | b ) {\n  (y) 0.5, 0.5;\n  (n) 0.5, 0.5;\n}\nprobability ( b | a ) {\n  (y) 0.5, 0.5;\n  (n) 0.5, 0.5;\n}\n");
        assertMessage("'maybe' is not a state of 'b'", "variable a {\n  type discrete [ 2 ] { y, n };\n}\nvariable b {\n  type discrete [ 2 ] { y, n };\n}\n"
                + "probability ( b ) {\n  table 0.5, 0.5;\n}\nprobability ( a | b ) {\n  (maybe) 0.5, 0.5;\n}\n");
    }

    @Test
    void tablesLargerThanTheFileAreRefusedBeforeAllocation() {
        StringBuilder bif = new StringBuilder("network n { }\n");
        StringBuilder parents = new StringBuilder();
        for (int i = 0; i < 30; i++) {                  // 10^30 parent configurations: int overflow once crashed the reader
            bif.append("variable p").append(i).append(" { type discrete [ 10 ] { s0, s1, s2, s3, s4, s5, s6, s7, s8, s9 }; }\n");
            parents.append(i == 0 ? "" : ", ").append("p").append(i);
        }
        bif.append("variable c { type discrete [ 2 ] { a, b }; }\n");
        bif.append("probability ( c | ").append(parents).append(" ) { (s0, s0) 0.5, 0.5; }\n");
        assertMessage("the table of 'c' given 30 parents has more than 4e9 entries", bif.toString());
        StringBuilder wraps = new StringBuilder("network n { }\n");      // 2^32 configurations: int arithmetic wraps to 0
        StringBuilder twos = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            wraps.append("variable p").append(i).append(" { type discrete [ 2 ] { a, b }; }\n");
            twos.append(i == 0 ? "" : ", ").append("p").append(i);
        }
        wraps.append("variable c { type discrete [ 2 ] { a, b }; }\nprobability ( c | ").append(twos).append(" ) { table 0.5, 0.5; }\n");
        assertMessage("entries, more than this", wraps.toString());
    }

    private static void assertMessage(String part, String bif) {
        Gen4jException e = assertThrows(Gen4jException.class, () -> BifReader.parse(bif, "test.bif"));
        assertTrue(e.getMessage().contains(part), "message was: " + e.getMessage());
    }
}
