package org.gen4j.cli;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.readwrite.DotWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code gen4j graph}: a Bayesian network's graph as DOT, or SVG/PNG through Graphviz. */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw a Bayesian network: .dot always; .svg or .png when Graphviz's dot program is installed.")
final class GraphCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NET", description = "A .bif file, a saved network, or a bundled network name.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.dot, FILE.svg or FILE.png.")
    Path out;

    @Override
    public void run() {
        BayesianNetwork network = ModelInputs.capability(ModelInputs.load(model), BayesianNetwork.class, "be drawn");
        if (out.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".dot")) {
            DotWriter.write(network, out);
        } else {
            DotWriter.render(network, out);
        }
        spec.commandLine().getOut().println("wrote " + out);
    }
}
