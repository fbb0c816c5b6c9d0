package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Images {@code [n, c, h, w]} with intensities in [0, 1] and, when known, a class label per image.
 *
 * <pre>{@code
 * ImageDataset digits = ImageDataset.load("digits");          // bundled 8x8 digits, [1797, 1, 8, 8]
 * ImageDataset mnist = ImageDataset.load("mnist");            // bundled 8,000 MNIST digits, [8000, 1, 28, 28]
 * ImageDataset mine = ImageDataset.load("/data/train-images-idx3-ubyte.gz");   // labels read from the sibling file
 * ImageDataset pets = ImageDataset.load("/data/pets");        // class folders: pets/cat/*.jpg, pets/dog/*.jpg
 * }</pre>
 */
public record ImageDataset(INDArray images, int[] labels, String source) {

    public ImageDataset {
        if (images.rank() != 4) {
            throw new Gen4jException("images must be [n, c, h, w], got " + Arrays.toString(images.shape()));
        }
        if (labels != null && labels.length != images.size(0)) {
            throw new Gen4jException(source + ": " + labels.length + " labels for " + images.size(0) + " images");
        }
        labels = labels == null ? null : labels.clone();
    }

    /** A bundled name ({@code digits}, {@code mnist}), an IDX images file, or an image folder ({@link ImageFolder}). */
    public static ImageDataset load(String nameOrPath) {
        switch (nameOrPath) {
            case "digits" -> {
                Table table = Datasets.load("digits");
                INDArray images = table.features(DataType.FLOAT).div(16f).reshape('c', table.rows(), 1, 8, 8);
                int[] labels = Arrays.stream(table.labels().orElseThrow()).mapToInt(Integer::parseInt).toArray();
                return new ImageDataset(images, labels, "digits");
            }
            case "mnist" -> {
                return new ImageDataset(IdxReader.images(resource("mnist/train-images-idx3-ubyte.gz"), "bundled mnist images"),
                        IdxReader.labels(resource("mnist/train-labels-idx1-ubyte.gz"), "bundled mnist labels"), "mnist");
            }
            default -> {
                Path path = Path.of(nameOrPath);
                if (Files.isDirectory(path)) {
                    return ImageFolder.load(path).images();
                }
                if (!Files.exists(path)) {
                    throw new Gen4jException("no image data at " + nameOrPath + " (bundled: digits, mnist; an IDX file such as train-images-idx3-ubyte.gz; or a folder of images)");
                }
                INDArray images = IdxReader.images(path);
                Path labelFile = labelsBeside(path);
                int[] labels = labelFile != null && Files.isRegularFile(labelFile) ? IdxReader.labels(labelFile) : null;
                return new ImageDataset(images, labels, path.toString());
            }
        }
    }

    /** MNIST naming: {@code *-images-idx3-ubyte*} has its labels in {@code *-labels-idx1-ubyte*}. */
    static Path labelsBeside(Path images) {
        String name = images.getFileName().toString();
        return name.contains("images-idx3") ? images.resolveSibling(name.replace("images-idx3", "labels-idx1")) : null;
    }

    private static InputStream resource(String file) {
        InputStream in = ImageDataset.class.getResourceAsStream("/org/gen4j/datasets/" + file);
        if (in == null) {
            throw new IllegalStateException("bundled data set missing from the gen4j jar: " + file);
        }
        return in;
    }

    public int size() {
        return (int) images.size(0);
    }

    /** {@code [c, h, w]}. */
    public long[] imageShape() {
        return Arrays.copyOfRange(images.shape(), 1, 4);
    }

    public Optional<int[]> labelArray() {
        return Optional.ofNullable(labels == null ? null : labels.clone());
    }

    /** Images as rows {@code [n, c*h*w]}. */
    public INDArray rows() {
        return images.reshape('c', images.size(0), images.length() / images.size(0));
    }

    public int classes() {
        return labels == null ? 0 : Arrays.stream(labels).max().orElse(-1) + 1;
    }

    /** The first {@code n} images. */
    public ImageDataset head(int n) {
        int m = Math.min(n, size());
        return subset(java.util.stream.IntStream.range(0, m).toArray(), source + " (first " + m + ")");
    }

    /** A seeded shuffle cut into train and test parts. */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new Gen4jException("train fraction must be in (0, 1], got " + trainFraction);
        }
        int n = size();
        int[] order = org.gen4j.data.Shuffle.permutation(n, seed);
        int cut = Math.max(1, (int) Math.round(n * trainFraction));
        return new Split(subset(Arrays.copyOfRange(order, 0, cut), source + " (train)"),
                cut < n ? subset(Arrays.copyOfRange(order, cut, n), source + " (test)") : null);
    }

    public record Split(ImageDataset train, ImageDataset test) {
    }

    private ImageDataset subset(int[] rows, String name) {
        INDArray picked = org.nd4j.linalg.factory.Nd4j.pullRows(rows(), 1, rows).reshape('c', rows.length, images.size(1), images.size(2), images.size(3));
        int[] pickedLabels = labels == null ? null : Arrays.stream(rows).map(i -> labels[i]).toArray();
        return new ImageDataset(picked, pickedLabels, name);
    }

    @Override
    public String toString() {
        return source + ": " + size() + " images " + Arrays.toString(imageShape()) + (labels == null ? "" : ", " + classes() + " classes");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageDataset d && d.images.equals(images) && Arrays.equals(d.labels, labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(labels) * 31 + Arrays.hashCode(images.shape());
    }
}
