package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image folders through DataVec's ImageRecordReader, written here from the bundled MNIST digits. */
class ImageFolderTest {
    private static final ImageDataset MNIST = ImageDataset.load("mnist").head(60);
    private static final List<String> NAMES = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    @TempDir
    Path dir;

    /** Writes digit i as {@code root/<name of its class>/i.png} (8-bit grey, lossless). */
    private Path writeDigits(Path root, boolean inClassFolders) throws IOException {
        for (int i = 0; i < MNIST.size(); i++) {
            Path folder = inClassFolders ? root.resolve(NAMES.get(MNIST.labels()[i])) : root;
            Files.createDirectories(folder);
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = Math.round(MNIST.images().getFloat(i, 0, y, x) * 255);
                    image.getRaster().setSample(x, y, 0, v);
                }
            }
            ImageIO.write(image, "png", folder.resolve(String.format("%03d.png", i)).toFile());
        }
        return root;
    }

    @Test
    void classFoldersGiveTheImagesAndTheirLabels() throws IOException {
        ImageFolder.Loaded loaded = ImageFolder.load(writeDigits(dir.resolve("digits"), true));
        ImageDataset images = loaded.images();
        assertArrayEquals(new long[]{60, 1, 28, 28}, images.images().shape());
        // files are read in sorted order: class folder by name, then file name
        List<String> sortedNames = NAMES.stream().filter(n -> java.util.Arrays.stream(MNIST.labels()).anyMatch(l -> NAMES.get(l).equals(n)))
                .sorted().toList();
        assertEquals(sortedNames, loaded.classes());
        int row = 0;
        for (String name : sortedNames) {
            for (int i = 0; i < MNIST.size(); i++) {
                if (NAMES.get(MNIST.labels()[i]).equals(name)) {
                    assertEquals(name, loaded.classes().get(images.labels()[row]));
                    INDArray original = MNIST.images().get(NDArrayIndex.point(i));
                    assertEquals(0, original.sub(images.images().get(NDArrayIndex.point(row))).amaxNumber().doubleValue(), 1e-6,
                            "pixels of digit " + i);
                    row++;
                }
            }
        }
    }

    @Test
    void aFlatFolderHasNoLabelsAndAnAskedSizeRescales() throws IOException {
        Path flat = writeDigits(dir.resolve("flat"), false);
        ImageDataset images = ImageFolder.load(flat).images();
        assertNull(images.labels());
        assertEquals(MNIST.images().get(NDArrayIndex.point(0)), images.images().get(NDArrayIndex.point(0)));
        ImageDataset small = ImageFolder.load(flat, 14, 14, 3).images();
        assertArrayEquals(new long[]{60, 3, 14, 14}, small.images().shape());
        assertTrue(small.images().minNumber().doubleValue() >= 0 && small.images().maxNumber().doubleValue() <= 1);

        NetworkData data = NetworkData.load(flat.toString(), null, null, 10, NetworkData.Scale.NONE);
        assertEquals(10, data.rows());
        assertArrayEquals(new long[]{1, 28, 28}, data.imageShape());
    }

    @Test
    void gen4jFitsAVaeOnAFolder() throws IOException {
        Path digits = writeDigits(dir.resolve("digits"), true);
        Path model = dir.resolve("vae.gen4j");
        java.io.StringWriter out = new java.io.StringWriter();
        int status = org.gen4j.cli.Gen4j.execute(new String[]{"fit", "vae", "--data", digits.toString(), "--epochs", "1",
                "--hidden", "32", "--out", model.toString()}, new java.io.PrintWriter(out), new java.io.PrintWriter(System.err, true));
        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("60 images [1, 28, 28]"), out.toString());
        assertEquals(784, org.gen4j.core.ModelIO.load(model, org.gen4j.vae.VariationalAutoencoder.class).architecture().dataSize());
    }

    @Test
    void badFoldersAreNamed() throws IOException {
        Path digits = writeDigits(dir.resolve("digits"), true);
        Path broken = digits.resolve("one").resolve("zz-broken.png");
        Files.write(broken, new byte[]{1, 2, 3, 4, 5});
        Gen4jException corrupt = assertThrows(Gen4jException.class, () -> ImageFolder.load(digits));
        assertTrue(corrupt.getMessage().contains("zz-broken.png"), corrupt.getMessage());
        Files.delete(broken);

        Files.copy(digits.resolve("one").resolve(Files.list(digits.resolve("one")).findFirst().orElseThrow().getFileName()),
                digits.resolve("stray.png"));
        Gen4jException stray = assertThrows(Gen4jException.class, () -> ImageFolder.load(digits));
        assertTrue(stray.getMessage().contains("stray.png") && stray.getMessage().contains("class folder"), stray.getMessage());

        Files.createDirectories(dir.resolve("empty"));
        Gen4jException empty = assertThrows(Gen4jException.class, () -> ImageFolder.load(dir.resolve("empty")));
        assertTrue(empty.getMessage().contains("no images in") && empty.getMessage().contains("png"), empty.getMessage());
    }
}
