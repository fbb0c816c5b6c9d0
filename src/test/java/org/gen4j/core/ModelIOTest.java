package org.gen4j.core;

import org.gen4j.data.Datasets;
import org.gen4j.stats.CovarianceType;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelIOTest {
    private static final INDArray FAITHFUL = Datasets.load("faithful").features();

    @TempDir
    Path dir;

    @Test
    void saveThenLoadGivesTheSameModelBitForBit() {
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture gmm = GaussianMixtureTrainer.builder().components(3).covariance(type).seed(2).build()
                    .fit(Datasets.load("faithful"));
            Path file = dir.resolve(type.label() + ".gmm");
            ModelIO.save(gmm, file);
            GaussianMixture loaded = ModelIO.load(file, GaussianMixture.class);
            assertEquals(gmm.logProb(FAITHFUL), loaded.logProb(FAITHFUL));
            assertBitIdentical(gmm.covariances(), loaded.covariances());
            assertEquals(gmm.sample(20, 3), loaded.sample(20, 3));
            assertArrayEquals(gmm.fitSummary().history(), loaded.fitSummary().history());
            assertEquals(gmm.converged(), loaded.converged());
            assertEquals(gmm.provenance(), loaded.provenance());
            assertEquals(java.util.List.of("eruptions", "waiting"), loaded.provenance().columns());
        }
    }

    @Test
    void savingLeavesNoTemporaryFilesAndReplacesAnOldModel() throws IOException {
        Path file = dir.resolve("m.gmm");
        GaussianMixtureTrainer trainer = GaussianMixtureTrainer.builder().components(2).seed(1).build();
        ModelIO.save(trainer.fit(FAITHFUL), file);
        GaussianMixture second = trainer.toBuilder().components(3).build().fit(FAITHFUL);
        ModelIO.save(second, file);
        assertEquals(3, ModelIO.load(file, GaussianMixture.class).components());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the model itself");
        }
    }

    @Test
    void truncatedFileIsReportedAsCorrupt() throws IOException {
        Path file = dir.resolve("m.gmm");
        ModelIO.save(GaussianMixtureTrainer.builder().components(2).build().fit(FAITHFUL), file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.gmm");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Gen4jException e = assertThrows(Gen4jException.class, () -> ModelIO.load(truncated));
        assertTrue(e.getMessage().contains("truncated.gmm") && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void foreignFilesAreRejectedByName() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertMessage(text, "is not a gen4j model file");

        Path zip = dir.resolve("other.zip");
        writeZip(zip, "readme.txt", "{}");
        assertMessage(zip, "not a gen4j model (no gen4j-model.json)");

        assertMessage(dir.resolve("missing.gmm"), "no model file at");
    }

    @Test
    void newerFormatVersionSaysSo() throws IOException {
        Path zip = dir.resolve("future.gmm");
        writeZip(zip, "gen4j-model.json", "{\"format\":\"gen4j-model\",\"formatVersion\":99,\"modelType\":\"gaussian-mixture\"}");
        assertMessage(zip, "written by a newer gen4j (format version 99");
    }

    @Test
    void missingArrayIsCorruptionNamingTheArray() throws IOException {
        Path good = dir.resolve("good.gmm");
        ModelIO.save(GaussianMixtureTrainer.builder().components(2).build().fit(FAITHFUL), good);
        Path damaged = dir.resolve("damaged.gmm");
        try (ZipFile in = new ZipFile(good.toFile()); OutputStream out = Files.newOutputStream(damaged);
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                if (!entry.getName().equals("arrays/means.npy")) {
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    zip.write(in.getInputStream(entry).readAllBytes());
                    zip.closeEntry();
                }
            }
        }
        assertMessage(damaged, "missing array 'means'");
    }

    @Test
    void unknownModelTypeIsNamed() throws IOException {
        Path zip = dir.resolve("odd.gmm");
        writeZip(zip, "gen4j-model.json", "{\"format\":\"gen4j-model\",\"formatVersion\":1,\"modelType\":\"teapot\"}");
        assertMessage(zip, "unknown model type 'teapot'");
    }

    /** A copy of {@code good} with one entry's bytes replaced (null: left out). */
    private Path withEntry(Path good, String name, byte[] replacement, String fileName) throws IOException {
        Path damaged = dir.resolve(fileName);
        try (ZipFile in = new ZipFile(good.toFile()); OutputStream out = Files.newOutputStream(damaged);
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = entry.getName().equals(name) ? replacement : in.getInputStream(entry).readAllBytes();
                if (bytes != null) {
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
        }
        return damaged;
    }

    /** An npy header as numpy writes it (version 1.0, padded to 64 bytes) declaring float64 values of this shape. */
    static byte[] npyHeader(String shape) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        int padded = (10 + dict.length() + 1 + 63) / 64 * 64 - 10;
        String header = dict + " ".repeat(padded - dict.length() - 1) + "\n";
        byte[] out = new byte[10 + header.length()];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), (byte) (header.length() >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, out, 10, header.length());
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void arrayHeadersAreCheckedAgainstTheBytesPresent() throws IOException {
        Path good = dir.resolve("good.gmm");
        ModelIO.save(GaussianMixtureTrainer.builder().components(2).build().fit(FAITHFUL), good);
        // the header claims 20 million values (or 131,072) where 4 are stored: the JVM crashed, or read 1 MB past the buffer
        for (String shape : new String[]{"(2, 10000000)", "(2, 65536)", "(2, 1)", "(9223372036854775807, 2)", "(-2, 2)", "(2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)"}) {
            Path lying = withEntry(good, "arrays/means.npy", concat(npyHeader(shape), new byte[32]), "lying.gmm");
            Gen4jException e = assertThrows(Gen4jException.class, () -> ModelIO.load(lying), shape);
            assertTrue(e.getMessage().contains("corrupt model file") && e.getMessage().contains("array 'means'"), e.getMessage());
        }
        Path noMagic = withEntry(good, "arrays/means.npy", "not numpy".getBytes(), "magic.gmm");
        assertMessage(noMagic, "no \\x93NUMPY magic");
        Path wrongShapeForTheModel = withEntry(good, "arrays/means.npy", concat(npyHeader("(3,)"), new byte[24]), "shape.gmm");
        Gen4jException e = assertThrows(Gen4jException.class, () -> ModelIO.load(wrongShapeForTheModel));
        assertTrue(e.getMessage().contains("corrupt model file"), e.getMessage());
    }

    @Test
    void entriesThatExpandPastTheBoundAreRefusedWhileReading() throws IOException {
        Path good = dir.resolve("good.gmm");
        ModelIO.save(GaussianMixtureTrainer.builder().components(2).build().fit(FAITHFUL), good);
        // 64 MiB of zeros behind a valid header: a few hundred kB compressed, refused at a 16 MiB bound for the file
        int values = 8 << 20;
        Path bomb = withEntry(good, "arrays/means.npy", concat(npyHeader("(" + values + ",)"), new byte[values * 8]), "bomb.gmm");
        assertTrue(Files.size(bomb) < 1 << 20, "the bomb is small on disk: " + Files.size(bomb));
        Gen4jException e = assertThrows(Gen4jException.class, () -> ModelIO.load(bomb, 16L << 20));
        assertTrue(e.getMessage().contains("arrays/means.npy expands to") && e.getMessage().contains("-Dgen4j.model.maxBytes"), e.getMessage());
        assertEquals(2, ((GaussianMixture) ModelIO.load(good, 16L << 20)).weights().length(), "a real model fits the same bound");
    }

    private static void assertMessage(Path file, String part) {
        Gen4jException e = assertThrows(Gen4jException.class, () -> ModelIO.load(file));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static void writeZip(Path path, String entry, String content) throws IOException {
        try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes());
            zip.closeEntry();
        }
    }
}
