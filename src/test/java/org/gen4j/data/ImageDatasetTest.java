package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDatasetTest {
    private static final Path MNIST = Path.of("datasets/mnist");

    @Test
    void bundledMnistMatchesItsDataCard() {
        ImageDataset mnist = ImageDataset.load("mnist");
        assertArrayEquals(new long[]{8000, 1, 28, 28}, mnist.images().shape());
        int[] counts = new int[10];
        mnist.labelArray().orElseThrow();
        for (int label : mnist.labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[]{804, 897, 804, 814, 779, 708, 808, 838, 769, 779}, counts);
        assertEquals(0.0, mnist.images().minNumber().doubleValue());
        assertEquals(1.0, mnist.images().maxNumber().doubleValue());
        // every value is a byte / 255
        double[] some = mnist.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().data().asDouble();
        assertTrue(Arrays.stream(some).allMatch(v -> Math.abs(v * 255 - Math.round(v * 255)) < 1e-4));
    }

    @Test
    void readsIdxFilesFromDiskGzippedOrNot(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("train-images-idx3-ubyte");
        Path plainLabels = dir.resolve("train-labels-idx1-ubyte");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(MNIST.resolve("train-images-idx3-ubyte.gz")))) {
            Files.write(plain, in.readAllBytes());
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(MNIST.resolve("train-labels-idx1-ubyte.gz")))) {
            Files.write(plainLabels, in.readAllBytes());
        }
        ImageDataset fromDisk = ImageDataset.load(plain.toString());
        ImageDataset bundled = ImageDataset.load("mnist");
        assertEquals(bundled.images(), fromDisk.images());
        assertArrayEquals(bundled.labels(), fromDisk.labels(), "labels come from the sibling labels file");
        assertArrayEquals(bundled.labels(), IdxReader.labels(MNIST.resolve("train-labels-idx1-ubyte.gz")));
    }

    @Test
    void brokenFilesAreNamed(@TempDir Path dir) throws IOException {
        Path truncated = dir.resolve("cut-images-idx3-ubyte");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(MNIST.resolve("train-images-idx3-ubyte.gz")), 5000));
        assertTrue(assertThrows(Gen4jException.class, () -> IdxReader.images(truncated)).getMessage().contains(truncated.toString()));
        Path header = dir.resolve("header-images-idx3-ubyte");
        Files.write(header, new byte[]{0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3});
        assertTrue(assertThrows(Gen4jException.class, () -> IdxReader.images(header)).getMessage().contains("truncated"));
        Path foreign = dir.resolve("foreign");
        Files.writeString(foreign, "p00,p01\n1,2\n");
        assertTrue(assertThrows(Gen4jException.class, () -> IdxReader.images(foreign)).getMessage().contains("not an IDX file"));
        assertTrue(assertThrows(Gen4jException.class, () -> IdxReader.images(MNIST.resolve("train-labels-idx1-ubyte.gz")))
                .getMessage().contains("not images"));
        assertTrue(assertThrows(Gen4jException.class, () -> ImageDataset.load("no/such/file")).getMessage().contains("no image data"));
    }

    @Test
    void digitsAsImagesAndSeededSplits() {
        ImageDataset digits = ImageDataset.load("digits");
        assertArrayEquals(new long[]{1797, 1, 8, 8}, digits.images().shape());
        assertEquals(10, digits.classes());
        assertEquals(Datasets.load("digits").features().getDouble(0, 9) / 16, digits.images().getDouble(0, 0, 1, 1), 1e-6);
        ImageDataset.Split a = digits.split(0.8, 3);
        assertEquals(1438, a.train().size());
        assertEquals(359, a.test().size());
        assertEquals(a, digits.split(0.8, 3));
        assertNotEquals(a.train(), digits.split(0.8, 4).train());
    }

    @Test
    void idxHeadersAreCheckedAgainstTheBytesPresent(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        java.nio.ByteBuffer none = java.nio.ByteBuffer.allocate(16).putInt(0x803).putInt(0).putInt(28).putInt(28);
        Path empty = java.nio.file.Files.write(dir.resolve("empty.idx"), none.array());
        assertTrue(assertThrows(Gen4jException.class, () -> IdxReader.images(empty)).getMessage().contains("holds no values"));
        // a header promising 2^31 - 17 values over 20 bytes: refused after reading 20 bytes, not after allocating 2 GB
        java.nio.ByteBuffer promising = java.nio.ByteBuffer.allocate(36).putInt(0x803).putInt(32767).putInt(65535).putInt(1);
        Path lying = java.nio.file.Files.write(dir.resolve("lying.idx"), promising.array());
        assertTrue(assertThrows(Gen4jException.class, () -> IdxReader.images(lying)).getMessage().contains("the file holds 20"));
        java.nio.ByteBuffer longer = java.nio.ByteBuffer.allocate(21).putInt(0x803).putInt(1).putInt(2).putInt(2);
        Path trailing = java.nio.file.Files.write(dir.resolve("trailing.idx"), longer.array());
        assertTrue(assertThrows(Gen4jException.class, () -> IdxReader.images(trailing)).getMessage().contains("goes on after"));
    }
}
