package org.gen4j.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress bars: none when the error stream is not a terminal (as in this test) or with --json / --quiet; drawn with
 * their count, rate and time left when asked for (gen4j.progress=always), ending at 100 %: EM, network epochs (from
 * a fit command or a recipe), eval's stages, Gibbs sweeps.
 */
class ProgressTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("gen4j.progress");
    }

    @Test
    void silentWhenNotOnATerminal() {
        CliTest.Result fit = CliTest.run("fit", "gmm", "--data", "faithful", "-k", "2", "--out", dir.resolve("a.gmm").toString());
        assertEquals(0, fit.code(), fit.err());
        assertEquals("", fit.err(), "no bar in a pipe");
    }

    @Test
    void emIterationsAndEpochBatchesAreDrawnWhenAskedFor() {
        System.setProperty("gen4j.progress", "always");
        CliTest.Result fit = CliTest.run("fit", "gmm", "--data", "faithful", "-k", "2", "--n-init", "2",
                "--out", dir.resolve("b.gmm").toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.err().contains("EM") && fit.err().contains("100%") && fit.err().contains("restart 2/2"), fit.err());
        assertTrue(fit.err().contains("it/s"), "a rate: " + fit.err());

        CliTest.Result vae = CliTest.run("fit", "vae", "--data", "digits", "--epochs", "2", "--hidden", "32", "--latent", "2",
                "--out", dir.resolve("v.gen4j").toString());
        assertEquals(0, vae.code(), vae.err());
        assertTrue(vae.err().contains("epoch 1/2") && vae.err().contains("epoch 2/2") && vae.err().contains("batch"), vae.err());

        CliTest.Result recipe = CliTest.run("train", "training/vae-digits.yaml", "--set", "output=" + dir.resolve("runs"),
                "--set", "training.epochs=2");
        assertEquals(0, recipe.code(), recipe.err());
        assertTrue(recipe.err().contains("epoch 1/2") && recipe.err().contains("epoch 2/2") && recipe.err().contains("batch"),
                "a recipe's epochs: " + recipe.err());
        CliTest.Result quietRecipe = CliTest.run("train", "training/vae-digits.yaml", "--set", "output=" + dir.resolve("quiet"),
                "--set", "training.epochs=1", "--quiet");
        assertEquals(0, quietRecipe.code(), quietRecipe.err());
        assertFalse(quietRecipe.err().contains("batch"), "--quiet: " + quietRecipe.err());

        CliTest.Result eval = CliTest.run("eval", "--data", "digits", "--reference", "digits");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.err().contains("eval") && eval.err().contains("3/3 step"), "the stages of eval: " + eval.err());

        CliTest.Result gibbs = CliTest.run("infer", "--model", "survey", "--query", "E,T", "--method", "gibbs", "--samples", "2000");
        assertEquals(0, gibbs.code(), gibbs.err());
        assertTrue(gibbs.err().contains("gibbs") && gibbs.err().contains("2/2 step"), "a step per queried variable: " + gibbs.err());

        CliTest.Result json = CliTest.run("fit", "gmm", "--data", "faithful", "-k", "2", "--json", "--out", dir.resolve("c.gmm").toString());
        assertEquals(0, json.code(), json.err());
        assertFalse(json.err().contains("EM"), "--json stays quiet: " + json.err());
    }
}
