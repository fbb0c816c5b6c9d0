package org.gen4j.cli;

import org.gen4j.bayesnet.estimators.TableOptions;
import org.gen4j.bayesnet.structure.SearchOptions;
import org.gen4j.gan.GanOptions;
import org.gen4j.gan.GanShape;
import org.gen4j.gmm.MixtureOptions;
import org.gen4j.hmm.BaumWelchOptions;
import org.gen4j.vae.VaeOptions;
import org.gen4j.vae.VaeShape;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;

/**
 * The defaults of the trainers' options on the command line, read from the trainers' own options records
 * ({@link MixtureOptions}, {@link BaumWelchOptions}, {@link TableOptions}, {@link SearchOptions}, {@link VaeOptions},
 * {@link GanOptions}) so each default is written once; {@code ${DEFAULT-VALUE}} in
 * the help shows them. Options not listed here keep their annotation's default.
 */
final class TrainerDefaults implements IDefaultValueProvider {
    private static final Map<String, Map<String, String>> BY_COMMAND = Map.of(
            "gen4j fit gmm", Map.of(
                    "--covariance", MixtureOptions.DEFAULTS.covariance().label(),
                    "--init", MixtureOptions.DEFAULTS.init().label(),
                    "--n-init", String.valueOf(MixtureOptions.DEFAULTS.nInit()),
                    "--max-iter", String.valueOf(MixtureOptions.DEFAULTS.maxIter()),
                    "--tol", number(MixtureOptions.DEFAULTS.tol()),
                    "--reg-covar", number(MixtureOptions.DEFAULTS.regCovar()),
                    "--seed", String.valueOf(MixtureOptions.DEFAULTS.seed()),
                    "--dtype", dataType(MixtureOptions.DEFAULTS.dataType())),
            "gen4j fit hmm", Map.of(
                    "--emission", BaumWelchOptions.DEFAULTS.emission(),
                    "--covariance", BaumWelchOptions.DEFAULTS.covariance().label(),
                    "--mixtures", String.valueOf(BaumWelchOptions.DEFAULTS.mixtures()),
                    "--n-init", String.valueOf(BaumWelchOptions.DEFAULTS.nInit()),
                    "--max-iter", String.valueOf(BaumWelchOptions.DEFAULTS.maxIter()),
                    "--tol", number(BaumWelchOptions.DEFAULTS.tol()),
                    "--seed", String.valueOf(BaumWelchOptions.DEFAULTS.seed())),
            "gen4j fit bn", Map.of(
                    "--estimator", TableOptions.DEFAULTS.estimator(),
                    "--ess", number(TableOptions.DEFAULTS.equivalentSampleSize()),
                    "--max-iter", String.valueOf(TableOptions.DEFAULTS.maxIter()),
                    "--seed", String.valueOf(TableOptions.DEFAULTS.seed())),
            "gen4j learn", Map.of(
                    "--structure", SearchOptions.DEFAULTS.method(),
                    "--score", SearchOptions.DEFAULTS.score(),
                    "--ess", number(TableOptions.DEFAULTS.equivalentSampleSize()),
                    "--max-parents", String.valueOf(SearchOptions.DEFAULTS.maxParents()),
                    "--restarts", String.valueOf(SearchOptions.DEFAULTS.restarts()),
                    "--seed", String.valueOf(SearchOptions.DEFAULTS.seed()),
                    "--estimator", TableOptions.DEFAULTS.estimator()),
            "gen4j fit vae", Map.ofEntries(
                    Map.entry("--arch", VaeShape.DEFAULTS.kind().label()),
                    Map.entry("--hidden", joined(VaeShape.DEFAULTS.hidden())),
                    Map.entry("--channels", joined(VaeShape.DEFAULTS.channels())),
                    Map.entry("--latent", String.valueOf(VaeShape.DEFAULTS.latentSize())),
                    Map.entry("--likelihood", VaeShape.DEFAULTS.likelihood().label()),
                    Map.entry("--variance", String.valueOf(VaeShape.DEFAULTS.variance())),
                    Map.entry("--activation", VaeShape.DEFAULTS.activation()),
                    Map.entry("--epochs", String.valueOf(VaeOptions.DEFAULTS.epochs())),
                    Map.entry("--batch", String.valueOf(VaeOptions.DEFAULTS.batchSize())),
                    Map.entry("--lr", number(VaeOptions.DEFAULTS.learningRate())),
                    Map.entry("--beta", String.valueOf(VaeOptions.DEFAULTS.beta())),
                    Map.entry("--warmup-epochs", String.valueOf(VaeOptions.DEFAULTS.warmupEpochs())),
                    Map.entry("--seed", String.valueOf(VaeOptions.DEFAULTS.seed())),
                    Map.entry("--dtype", dataType(VaeOptions.DEFAULTS.dataType()))),
            "gen4j fit gan", Map.of(
                    "--arch", GanShape.DEFAULTS.setUp(),
                    "--latent", String.valueOf(GanShape.DEFAULTS.latentSize()),
                    "--channels", joined(GanShape.DEFAULTS.channels()),
                    "--epochs", String.valueOf(GanOptions.DEFAULTS.epochs()),
                    "--batch", String.valueOf(GanOptions.DEFAULTS.batchSize()),
                    "--label-smoothing", String.valueOf(GanOptions.DEFAULTS.labelSmoothing()),
                    "--ema", number(GanOptions.DEFAULTS.emaDecay()),
                    "--seed", String.valueOf(GanOptions.DEFAULTS.seed()),
                    "--dtype", dataType(GanOptions.DEFAULTS.dataType())));

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.command() == null) {
            return null;
        }
        Map<String, String> defaults = BY_COMMAND.get(option.command().qualifiedName());
        return defaults == null ? null : defaults.get(option.longestName());
    }

    private static String joined(int[] values) {
        return java.util.Arrays.stream(values).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private static String dataType(DataType type) {
        return type == DataType.DOUBLE ? "float64" : type == DataType.FLOAT ? "float32" : type.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** 1e-3 as {@code 1e-3} and 10.0 as {@code 10}, as users write them (not 0.001, 1.0E-6 or 10.0). */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        if (value != 0 && Math.abs(value) < 0.1) {
            int exponent = (int) Math.floor(Math.log10(Math.abs(value)));
            double mantissa = value / Math.pow(10, exponent);
            if (Math.abs(mantissa - Math.rint(mantissa)) < 1e-9) {
                return (long) Math.rint(mantissa) + "e" + exponent;
            }
        }
        return String.valueOf(value);
    }
}
