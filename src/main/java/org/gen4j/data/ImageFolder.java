package org.gen4j.data;

import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.recordreader.ImageRecordReader;
import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder of images read with DataVec's {@link ImageRecordReader}: {@code root/<class>/*.png} (the sub-folder names
 * are the classes, as with torchvision's ImageFolder) or images directly in {@code root} (no labels). Every image is
 * scaled to the size of the first one (or the size asked for); intensities go to [0, 1]. Files are read in
 * sorted order, so the same folder gives the same rows.
 * <pre>{@code
 * ImageFolder.Loaded faces = ImageFolder.load(Path.of("data/faces"));
 * INDArray images = faces.images().images();            // [n, c, h, w]
 * List<String> classes = faces.classes();                // sub-folder names, label i = classes.get(i)
 * }</pre>
 */
public final class ImageFolder {
    private static final Set<String> FORMATS = Set.of(NativeImageLoader.ALLOWED_FORMATS);

    private ImageFolder() {
    }

    /** The images and, for a folder of class sub-folders, the class names (label i is {@code classes.get(i)}). */
    public record Loaded(ImageDataset images, List<String> classes) {
    }

    /** Whether {@code source} names a folder (that {@link #load} would read). */
    public static boolean isFolder(String source) {
        return Files.isDirectory(Path.of(source));
    }

    /** Reads every image at the size and colour (grey or RGB) of the first one. */
    public static Loaded load(Path root) {
        List<Path> files = imageFiles(root);
        BufferedImage first = readHeader(files.get(0));
        int channels = first.getRaster().getNumBands() >= 3 ? 3 : 1;
        return load(root, files, first.getHeight(), first.getWidth(), channels);
    }

    /** Reads every image scaled to {@code height × width} with {@code channels} (1 grey, 3 RGB). */
    public static Loaded load(Path root, long height, long width, long channels) {
        if (height < 1 || width < 1 || (channels != 1 && channels != 3)) {
            throw new Gen4jException("images need a positive size and 1 or 3 channels, got " + height + "x" + width + "x" + channels);
        }
        return load(root, imageFiles(root), height, width, channels);
    }

    private static Loaded load(Path root, List<Path> files, long height, long width, long channels) {
        boolean labelled = files.stream().anyMatch(f -> !f.getParent().equals(root));
        if (labelled) {
            files.stream().filter(f -> f.getParent().equals(root)).findFirst().ifPresent(stray -> {
                throw new Gen4jException(stray + " lies beside the class folders of " + root
                        + ": put every image in a class folder, or all of them directly in " + root);
            });
        }
        ImageRecordReader reader = labelled ? new ImageRecordReader(height, width, channels, new ParentPathLabelGenerator())
                : new ImageRecordReader(height, width, channels);
        try {
            reader.initialize(new CollectionInputSplit(files.stream().map(Path::toUri).toArray(URI[]::new)));
        } catch (IOException | RuntimeException e) {
            throw new Gen4jException("cannot read the images in " + root + ": " + e.getMessage());
        }
        List<String> classes = labelled ? List.copyOf(reader.getLabels()) : List.of();
        INDArray images = Nd4j.create(DataType.FLOAT, files.size(), channels, height, width);
        int[] labels = labelled ? new int[files.size()] : null;
        for (int i = 0; i < files.size(); i++) {
            List<Writable> record;
            try {
                record = reader.next();
            } catch (RuntimeException e) {
                File current = reader.getCurrentFile();
                throw new Gen4jException("cannot decode the image " + (current != null ? current : files.get(i)) + " (corrupt or not an image): "
                        + e.getMessage());
            }
            INDArray pixels = ((NDArrayWritable) record.get(0)).get();
            images.get(NDArrayIndex.point(i)).assign(pixels.reshape(channels, height, width).castTo(DataType.FLOAT).divi(255f));
            if (labelled) {
                labels[i] = record.get(1).toInt();
            }
        }
        return new Loaded(new ImageDataset(images, labels, root.toString()), classes);
    }

    /** The image files under {@code root} (one level of class folders, or directly in it), sorted. */
    static List<Path> imageFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new Gen4jException("no image folder at " + root);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            files = walk.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
        } catch (IOException e) {
            throw new Gen4jException("cannot list the image folder " + root + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new Gen4jException("no images in " + root + " or its class folders (formats: "
                    + String.join(", ", new java.util.TreeSet<>(FORMATS)) + ")");
        }
        return files;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && FORMATS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static BufferedImage readHeader(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new Gen4jException("cannot decode the image " + file + " (corrupt, or a format Java cannot read: "
                        + "give the size with ImageFolder.load(root, height, width, channels))");
            }
            return image;
        } catch (IOException e) {
            throw new Gen4jException("cannot read the image " + file + ": " + e.getMessage());
        }
    }
}
