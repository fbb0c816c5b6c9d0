package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.gen4j.data.Datasets;
import org.gen4j.data.ImageDataset;
import org.gen4j.data.Table;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Training data for a VAE as the CLI and recipes name it: a bundled image set ({@code digits}, {@code mnist}), an
 * IDX file, a bundled table or a CSV file. Images keep their shape {@code [n, c, h, w]}; tables are rows
 * {@code [n, d]} with an optional scaling. Labels (image classes, a CSV label column) come along for conditional
 * models and pictures.
 *
 * @param data       {@code [n, c, h, w]} or {@code [n, d]}, float32
 * @param labels     class index per row, or null
 * @param classNames the class names (index order), empty without labels
 * @param imageShape {@code [c, h, w]}, or null for tabular data
 * @param categories for a one-hot encoded discrete table, the categories per column; else null
 * @param variables  for a discrete table, its variables (names and states); else null
 */
public record NetworkData(INDArray data, int[] labels, List<String> classNames, long[] imageShape, String description, int[] categories,
                      List<org.gen4j.data.DiscreteVariable> variables) {

    /** How tabular values are scaled before training. */
    public enum Scale { NONE, MAX, STANDARDIZE }

    /**
     * @param source  {@code digits}, {@code mnist}, an IDX images file, a bundled table name or a CSV path
     * @param columns CSV feature columns (null for all)
     * @param labelColumn CSV label column, or null
     * @param limit   keep the first {@code limit} rows (0 = all)
     * @param scale   for tables: none, max (divide by the largest value; needs no negatives) or standardize
     */
    public static NetworkData load(String source, List<String> columns, String labelColumn, int limit, Scale scale) {
        if (org.gen4j.data.ImageFolder.isFolder(source)) {
            org.gen4j.data.ImageFolder.Loaded folder = org.gen4j.data.ImageFolder.load(java.nio.file.Path.of(source));
            ImageDataset images = limit > 0 ? folder.images().head(limit) : folder.images();
            return new NetworkData(images.images(), images.labels(), folder.classes(), images.imageShape(), images.toString(), null, null);
        }
        if (isImagesSource(source)) {
            ImageDataset images = ImageDataset.load(source);
            if (limit > 0) {
                images = images.head(limit);
            }
            int[] labels = images.labels();
            List<String> names = labels == null ? List.of()
                    : java.util.stream.IntStream.range(0, images.classes()).mapToObj(String::valueOf).toList();
            return new NetworkData(images.images(), labels, names, images.imageShape(), images.toString(), null, null);
        }
        Table table = labelColumn == null ? Datasets.load(source, columns)
                : new org.gen4j.data.CsvTableReader().columns(columns).labelColumn(labelColumn).read(java.nio.file.Path.of(source));
        INDArray rows = table.features(DataType.FLOAT);
        String[] text = table.labels().orElse(null);
        if (limit > 0 && limit < rows.rows()) {
            rows = rows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, limit), org.nd4j.linalg.indexing.NDArrayIndex.all());
            text = text == null ? null : Arrays.copyOf(text, limit);
        }
        rows = scaled(rows, scale, table.source());
        List<String> names = text == null ? List.of() : List.copyOf(new TreeSet<>(Arrays.asList(text)));
        int[] labels = text == null ? null : Arrays.stream(text).mapToInt(names::indexOf).toArray();
        return new NetworkData(rows, labels, names, null, table.source() + ": " + rows.rows() + " rows x " + rows.columns()
                + " columns" + (scale == Scale.NONE ? "" : ", scaled (" + scale.name().toLowerCase() + ")"), null, null);
    }

    /** A CSV of discrete states (a header of variable names, one row per case), one-hot encoded per column. */
    public static NetworkData discrete(String csv, int limit) {
        return discrete(csv, limit, null);
    }

    /** @param schema the variables to read the CSV with (a trained model's), or null to take them from the file */
    public static NetworkData discrete(String csv, int limit, java.util.List<org.gen4j.data.DiscreteVariable> schema) {
        org.gen4j.data.DiscreteTable table = org.gen4j.data.DiscreteTable.readCsv(java.nio.file.Path.of(csv), schema);
        if (schema != null) {
            table = table.reordered(schema);
        }
        OneHotTable encoded = OneHotTable.of(table);
        INDArray rows = encoded.rows();
        if (limit > 0 && limit < rows.rows()) {
            rows = rows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, limit), org.nd4j.linalg.indexing.NDArrayIndex.all());
        }
        return new NetworkData(rows, null, List.of(), null, csv + ": " + rows.rows() + " rows x " + encoded.categories().length
                + " discrete columns (one-hot, " + encoded.width() + " values)", encoded.categories(), encoded.variables());
    }

    public static boolean isImagesSource(String source) {
        return source.equals("digits") || source.equals("mnist") || source.contains("-ubyte") || source.endsWith(".idx")
                || org.gen4j.data.ImageFolder.isFolder(source);
    }

    private static INDArray scaled(INDArray rows, Scale scale, String source) {
        return switch (scale) {
            case NONE -> rows;
            case MAX -> {
                if (rows.minNumber().doubleValue() < 0) {
                    throw new Gen4jException(source + " has negative values: scale 'max' maps [0, max] to [0, 1]; use standardize");
                }
                double max = rows.maxNumber().doubleValue();
                yield max > 0 ? rows.div(max) : rows;
            }
            case STANDARDIZE -> {
                INDArray std = rows.std(0);
                std.addi(std.eq(0).castTo(std.dataType()));        // constant columns stay as they are
                yield rows.subRowVector(rows.mean(0)).diviRowVector(std);
            }
        };
    }

    public int rows() {
        return (int) data.size(0);
    }

    public boolean isImages() {
        return imageShape != null;
    }

    /** Features per row, {@code c*h*w} for images. */
    public long features() {
        return data.length() / data.size(0);
    }

    /** The data as rows {@code [n, features]}. */
    public INDArray flat() {
        return data.reshape('c', data.size(0), features());
    }

    public int classes() {
        return classNames.size();
    }

    /** A seeded shuffle cut into train and held-out parts (the held-out part may be empty). */
    public NetworkData[] split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new Gen4jException("train fraction must be in (0, 1], got " + trainFraction);
        }
        int n = rows();
        int[] order = org.gen4j.data.Shuffle.permutation(n, seed);
        int cut = Math.max(1, (int) Math.round(n * trainFraction));
        NetworkData train = subset(Arrays.copyOfRange(order, 0, cut), "train");
        NetworkData test = cut < n ? subset(Arrays.copyOfRange(order, cut, n), "held out") : null;
        return new NetworkData[]{train, test};
    }

    private NetworkData subset(int[] picked, String part) {
        long[] shape = data.shape().clone();
        shape[0] = picked.length;
        INDArray rowsOut = Nd4j.pullRows(flat(), 1, picked).reshape('c', shape);
        int[] labelsOut = labels == null ? null : Arrays.stream(picked).map(i -> labels[i]).toArray();
        return new NetworkData(rowsOut, labelsOut, classNames, imageShape, picked.length + " rows (" + part + ") of " + description, categories, variables);
    }
}
