package org.gen4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.gen4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportCliTest {
    @TempDir
    Path dir;

    @Test
    void importsEachRoleAndReportsTheLayers() {
        CliTest.Result report = run("import", "--keras", "src/test/resources/keras/dcgan_generator.h5");
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("up_sampling2d_1") && report.out().contains("all 13 layers import"), report.out());
        Path generator = dir.resolve("g.gen4j");
        assertEquals(0, run("import", "--keras", "src/test/resources/keras/dcgan_generator.h5", "--role", "generator", "--out", generator.toString()).code());
        assertEquals(0, run("sample", "--model", generator.toString(), "--n", "4", "--out", dir.resolve("g.png").toString()).code());
        Path discriminator = dir.resolve("d.gen4j");
        CliTest.Result d = run("import", "--keras", "src/test/resources/keras/dcgan_discriminator.h5", "--role", "discriminator", "--out", discriminator.toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(Files.isRegularFile(discriminator));
        CliTest.Result encoder = run("import", "--keras", "src/test/resources/keras/dcgan_generator.h5", "--role", "encoder", "--out", dir.resolve("e").toString());
        assertEquals(2, encoder.code());
        assertTrue(encoder.err().contains("sampling layer") && encoder.err().contains("--role vae"), encoder.err());
        // the real discriminator as a VAE encoder: both files import, the pair does not fit
        CliTest.Result pair = run("import", "--keras", "src/test/resources/keras/dcgan_generator.h5", "--role", "vae",
                "--encoder", "src/test/resources/keras/dcgan_discriminator.h5", "--output", "gaussian", "--out", dir.resolve("v").toString());
        assertEquals(2, pair.code());
        assertTrue(pair.err().contains("[n, 200]") && pair.out().contains("conv2d"), pair.err());
        CliTest.Result noEncoder = run("import", "--keras", "src/test/resources/keras/dcgan_generator.h5", "--role", "vae",
                "--out", dir.resolve("v").toString());
        assertEquals(2, noEncoder.code());
        assertTrue(noEncoder.err().contains("--encoder"), noEncoder.err());
        CliTest.Result missing = run("import", "--keras", dir.resolve("none.h5").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no Keras model file"), missing.err());
    }
}
