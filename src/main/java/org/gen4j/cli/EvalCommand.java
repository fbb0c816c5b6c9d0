package org.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.ConditionalSampler;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.Sampler;
import org.gen4j.data.NetworkData;
import org.gen4j.eval.FeatureClassifier;
import org.gen4j.eval.SampleQuality;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code gen4j eval}: scores a generative model's samples (or one data set) against real data. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score generated samples against real data: Frechet distance and kernel MMD in classifier features "
                + "(lower is better), precision, recall and mode coverage (higher is better).",
                "With --model the samples are drawn from the model; with --reference the --data set itself is scored "
                        + "against the reference (real against real gives the floor)."})
final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", description = "A GAN, VAE or Keras generator (a file or zoo:NAME).")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME",
            description = "Real images (digits, mnist, an IDX file, an image folder); with --reference: the set to score.")
    String data;

    @Option(names = "--reference", paramLabel = "FILE|NAME", description = "Score --data against this set instead of a model's samples.")
    String reference;

    @Option(names = "--classifier", paramLabel = "FILE|NAME",
            description = "Feature classifier: a file from 'gen4j classifier', or a bundled one: digits, mnist (default: the one for the data's size).")
    String classifier;

    @Option(names = {"-n", "--n"}, defaultValue = "1000", paramLabel = "N", description = "Samples to draw from the model (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON: fid, mmd, precision, recall, modeCoverage.")
    boolean json;

    @Override
    public void run() {
        if ((model == null) == (reference == null)) {
            throw new Gen4jException("give either --model (score its samples) or --reference (score --data against it)");
        }
        SampleQuality q;
        try (Progress.Stages stages = Progress.of(spec.commandLine().getErr(), json).stages("eval", "reading the data",
                model != null ? "drawing samples" : "reading the candidates", "classifier features and distances")) {
            q = score(stages);
        }
        print(q);
    }

    private SampleQuality score(Progress.Stages stages) {
        INDArray real = NetworkData.load(reference != null ? reference : data, null, null, 0, NetworkData.Scale.NONE).flat();
        stages.next();
        INDArray candidates;
        if (model != null) {
            GenerativeModel loaded = ModelInputs.load(model);
            @SuppressWarnings("unchecked")
            Sampler<INDArray> sampler = ModelInputs.capability(loaded, Sampler.class, "generate samples");
            INDArray drawn = loaded instanceof ConditionalSampler c && c.classes() > 0
                    ? ConditionalSampler.balanced(c, n, seed) : sampler.sample(n, seed);
            // generators with tanh outputs draw in [-1, 1]; the classifier was trained on [0, 1]
            candidates = drawn.minNumber().doubleValue() < 0 ? drawn.add(1).divi(2) : drawn;
        } else {
            candidates = NetworkData.load(data, null, null, 0, NetworkData.Scale.NONE).flat();
        }
        FeatureClassifier judge = judge(real.columns());
        long width = candidates.length() / candidates.size(0);
        if (width != judge.inputSize()) {
            throw new Gen4jException("the samples have " + width + " values each, the classifier takes " + judge.inputSize());
        }
        stages.next();
        return SampleQuality.of(candidates, real, judge);
    }

    private void print(SampleQuality q) {
        if (json) {
            ObjectNode out = JsonOutput.object();
            out.put("fid", q.fid());
            out.put("mmd", q.mmd());
            out.put("precision", q.precision());
            out.put("recall", q.recall());
            out.put("modeCoverage", q.modeCoverage());
            spec.commandLine().getOut().println(JsonOutput.write(out));
        } else {
            spec.commandLine().getOut().println(q);
        }
    }

    private FeatureClassifier judge(long features) {
        if (classifier != null) {
            return java.nio.file.Files.exists(Path.of(classifier)) ? FeatureClassifier.load(Path.of(classifier)) : FeatureClassifier.bundled(classifier);
        }
        return FeatureClassifier.bundledFor(features).orElseThrow(() -> new Gen4jException("no bundled classifier for data of " + features + " values: train one with 'gen4j classifier' and pass --classifier"));
    }
}
