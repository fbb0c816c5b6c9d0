package org.gen4j.bayesnet.readwrite;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.core.AtomicFiles;
import org.gen4j.data.DiscreteVariable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Writes a network in the BIF dialect {@link BifReader} reads (and bnlearn and pgmpy write). */
public final class BifWriter {
    private BifWriter() {
    }

    public static void write(BayesianNetwork network, Path path) {
        String text = toBif(network);
        AtomicFiles.write(path, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String toBif(BayesianNetwork network) {
        StringBuilder s = new StringBuilder("network unknown {\n}\n");
        for (DiscreteVariable v : network.variables()) {
            s.append("variable ").append(v.name()).append(" {\n  type discrete [ ").append(v.cardinality())
                    .append(" ] { ").append(String.join(", ", v.states())).append(" };\n}\n");
        }
        for (ConditionalProbabilityTable cpt : network.cpts()) {
            s.append("probability ( ").append(cpt.child().name());
            if (!cpt.parents().isEmpty()) {
                s.append(" | ").append(String.join(", ", cpt.parents().stream().map(DiscreteVariable::name).toList()));
            }
            s.append(" ) {\n");
            double[][] rows = cpt.rows().toDoubleMatrix();
            if (cpt.parents().isEmpty()) {
                s.append("  table ").append(numbers(rows[0])).append(";\n");
            } else {
                for (int r = 0; r < rows.length; r++) {
                    s.append("  (").append(String.join(", ", states(cpt.parents(), r))).append(") ")
                            .append(numbers(rows[r])).append(";\n");
                }
            }
            s.append("}\n");
        }
        return s.toString();
    }

    /** The parent states of configuration r (first parent slowest). */
    private static List<String> states(List<DiscreteVariable> parents, int r) {
        String[] out = new String[parents.size()];
        for (int i = parents.size() - 1; i >= 0; i--) {
            out[i] = parents.get(i).state(r % parents.get(i).cardinality());
            r /= parents.get(i).cardinality();
        }
        return List.of(out);
    }

    private static String numbers(double[] values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i > 0 ? ", " : "").append(values[i]);
        }
        return s.toString();
    }
}
