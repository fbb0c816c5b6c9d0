package org.gen4j.cli;

import org.gen4j.bayesnet.estimators.TableOptions;
import org.gen4j.bayesnet.structure.SearchOptions;
import org.gen4j.gan.GanOptions;
import org.gen4j.gan.GanShape;
import org.gen4j.gmm.MixtureOptions;
import org.gen4j.hmm.BaumWelchOptions;
import org.gen4j.vae.VaeOptions;
import org.gen4j.vae.VaeShape;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A command line that names no hyperparameter trains with exactly the defaults the Java builders start from. */
class TrainerDefaultsTest {

    private static CommandLine.ParseResult parse(String... args) {
        CommandLine cli = Gen4j.commandLine();
        cli.setDefaultValueProvider(new TrainerDefaults());
        return cli.parseArgs(args);
    }

    @Test
    void fitGmmTakesTheMixtureDefaults() {
        CommandLine.ParseResult result = parse("fit", "gmm", "--data", "faithful", "-k", "2", "--out", "x.gmm");
        FitGmmCommand fit = (FitGmmCommand) result.subcommand().subcommand().commandSpec().userObject();
        MixtureOptions d = MixtureOptions.DEFAULTS;
        assertEquals(d.covariance().label(), fit.covariance);
        assertEquals(d.init().label(), fit.init);
        assertEquals(d.nInit(), fit.nInit);
        assertEquals(d.maxIter(), fit.maxIter);
        assertEquals(d.tol(), fit.tol);
        assertEquals(d.regCovar(), fit.regCovar);
        assertEquals(d.seed(), fit.seed.value());
        assertEquals("float64", fit.dtype);
    }

    @Test
    void fitHmmTakesTheBaumWelchDefaults() {
        CommandLine.ParseResult result = parse("fit", "hmm", "--data", "eustock-returns", "-k", "2", "--out", "x.hmm");
        FitHmmCommand fit = (FitHmmCommand) result.subcommand().subcommand().commandSpec().userObject();
        BaumWelchOptions d = BaumWelchOptions.DEFAULTS;
        assertEquals(d.emission(), fit.emission);
        assertEquals(d.covariance().label(), fit.covariance);
        assertEquals(d.mixtures(), fit.mixtures);
        assertEquals(d.nInit(), fit.nInit);
        assertEquals(d.maxIter(), fit.maxIter);
        assertEquals(d.tol(), fit.tol);
        assertEquals(d.seed(), fit.seed.value());
    }

    @Test
    void fitVaeAndFitGanTakeTheTrainersDefaults() {
        FitVaeCommand vae = (FitVaeCommand) parse("fit", "vae", "--data", "digits", "--out", "x.gen4j")
                .subcommand().subcommand().commandSpec().userObject();
        VaeOptions v = VaeOptions.DEFAULTS;
        assertEquals(v.epochs(), vae.epochs);
        assertEquals(v.batchSize(), vae.batch);
        assertEquals(v.learningRate(), vae.learningRate);
        assertEquals(v.beta(), vae.beta);
        assertEquals(v.warmupEpochs(), vae.warmupEpochs);
        assertEquals(v.seed(), vae.seed.value());
        VaeShape shape = VaeShape.DEFAULTS;
        assertEquals(shape.kind().label(), vae.arch);
        assertArrayEquals(shape.hidden(), vae.hidden);
        assertArrayEquals(shape.channels(), vae.channels);
        assertEquals(shape.latentSize(), vae.latent);
        assertEquals(shape.likelihood().label(), vae.likelihood);
        assertEquals(shape.variance(), vae.variance);
        assertEquals(shape.activation(), vae.activation);
        FitGanCommand gan = (FitGanCommand) parse("fit", "gan", "--data", "digits", "--out", "x.gen4j")
                .subcommand().subcommand().commandSpec().userObject();
        GanOptions g = GanOptions.DEFAULTS;
        assertEquals(g.epochs(), gan.epochs);
        assertEquals(g.batchSize(), gan.batch);
        assertEquals(g.labelSmoothing(), gan.labelSmoothing);
        assertEquals(g.emaDecay(), gan.ema);
        assertEquals(g.seed(), gan.seed.value());
        assertEquals(GanShape.DEFAULTS.setUp(), gan.arch);
        assertEquals(GanShape.DEFAULTS.latentSize(), gan.latent);
    }

    @Test
    void fitBnAndLearnTakeTheBayesianNetworkDefaults() {
        FitBnCommand fit = (FitBnCommand) parse("fit", "bn", "--model", "asia", "--data", "x.csv", "--out", "x.bif")
                .subcommand().subcommand().commandSpec().userObject();
        TableOptions t = TableOptions.DEFAULTS;
        assertEquals(t.estimator(), fit.estimator);
        assertEquals(t.equivalentSampleSize(), fit.ess);
        assertEquals(t.maxIter(), fit.maxIter);
        assertEquals(t.seed(), fit.seed);
        LearnCommand learn = (LearnCommand) parse("learn", "--data", "x.csv", "--out", "x.bif")
                .subcommand().commandSpec().userObject();
        SearchOptions s = SearchOptions.DEFAULTS;
        assertEquals(s.method(), learn.structure);
        assertEquals(s.score(), learn.score);
        assertEquals(s.maxParents(), learn.maxParents);
        assertEquals(s.restarts(), learn.restarts);
        assertEquals(s.seed(), learn.seed.value());
        assertEquals(t.estimator(), learn.estimator);
        assertEquals(t.equivalentSampleSize(), learn.ess);
    }

    /** Shared options (picocli mixins such as {@link RandomSeed}) are looked up under the command that uses them. */
    @Test
    void sharedOptionsTakeTheirCommandsDefault() {
        CommandLine cli = Gen4j.commandLine();
        cli.setDefaultValueProvider(argument -> argument instanceof CommandLine.Model.OptionSpec option
                && option.command().qualifiedName().equals("gen4j fit gmm") && option.longestName().equals("--seed") ? "7" : null);
        CommandLine.ParseResult gmm = cli.parseArgs("fit", "gmm", "--data", "faithful", "-k", "2", "--out", "x.gmm");
        assertEquals(7, ((FitGmmCommand) gmm.subcommand().subcommand().commandSpec().userObject()).seed.value());
        CommandLine.ParseResult hmm = cli.parseArgs("fit", "hmm", "--data", "eustock-returns", "-k", "2", "--out", "x.hmm");
        assertEquals(0, ((FitHmmCommand) hmm.subcommand().subcommand().commandSpec().userObject()).seed.value());
    }

    @Test
    void numbersReadAsTheyAreWritten() {
        assertEquals("1e-3", TrainerDefaults.number(1e-3));
        assertEquals("1e-6", TrainerDefaults.number(1e-6));
        assertEquals("2.5", TrainerDefaults.number(2.5));
        assertEquals("0.15", TrainerDefaults.number(0.15));
        assertEquals("10", TrainerDefaults.number(10));
    }
}
