package org.gen4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.gen4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodeCliTest {
    @TempDir
    Path dir;

    @Test
    void aVaeGivesLatentMeansAndPositiveVariancesForEveryRow() throws Exception {
        Path model = dir.resolve("vae.gen4j");
        assertEquals(0, run("fit", "vae", "--data", "digits", "--hidden", "32", "--latent", "3", "--epochs", "1",
                "--out", model.toString()).code());
        Path latent = dir.resolve("latent.csv");
        CliTest.Result encode = run("encode", "--model", model.toString(), "--data", "digits", "--out", latent.toString());
        assertEquals(0, encode.code(), encode.err());
        List<String> lines = Files.readAllLines(latent);
        assertEquals("z1,z2,z3,var1,var2,var3", lines.get(0));
        assertEquals(1798, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            for (int j = 3; j < 6; j++) {
                assertTrue(Double.parseDouble(cells[j]) > 0, "variance in " + line);
            }
        }
    }

    @Test
    void aMixtureGivesComponentProbabilitiesSummingToOne() {
        CliTest.Result encode = run("encode", "--model", "zoo:gmm-faithful", "--data", "faithful");
        assertEquals(0, encode.code(), encode.err());
        List<String> lines = encode.out().lines().toList();
        assertEquals("p1,p2", lines.get(0));
        assertEquals(273, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertEquals(1.0, Double.parseDouble(cells[0]) + Double.parseDouble(cells[1]), 1e-12, line);
        }
    }

    @Test
    void modelsWithoutFeaturesAreRefusedByName() {
        CliTest.Result network = run("encode", "--model", "asia", "--data", "datasets/bn/asia-samples.csv");
        assertEquals(2, network.code());
        assertTrue(network.err().contains("bayesian-network has no learned features"), network.err());
    }
}
