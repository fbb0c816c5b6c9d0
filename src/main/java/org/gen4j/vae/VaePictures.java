package org.gen4j.vae;

import org.gen4j.viz.ImageGrid;
import org.gen4j.viz.ScatterPlot;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * The pictures users look at to judge a VAE: samples, inputs above their reconstructions, the latent space coloured
 * by class, and a walk between two inputs. Images need their shape {@code [c, h, w]}; a conv VAE knows its own.
 *
 * <pre>{@code
 * VaePictures.samples(vae, 8, 1, new long[]{1, 8, 8}).write(Path.of("samples.png"));
 * VaePictures.latentScatter(vae, x, labels, "digits").write(Path.of("latent.png"));
 * }</pre>
 */
public final class VaePictures {
    private VaePictures() {
    }

    /** {@code perRow x perRow} samples; for a conditional model one row per class. */
    public static ImageGrid samples(VariationalAutoencoder vae, int perRow, long seed, long[] imageShape) {
        if (!vae.architecture().conditional()) {
            return ImageGrid.of(asImages(vae.sample(perRow * perRow, seed), imageShape), perRow);
        }
        INDArray[] rows = new INDArray[vae.architecture().classes()];
        for (int c = 0; c < rows.length; c++) {
            rows[c] = asImages(vae.sample(perRow, seed, c), imageShape);
        }
        return ImageGrid.of(Nd4j.concat(0, rows), perRow);
    }

    /** The first {@code count} rows of {@code x} (top) and their reconstructions (below), in pairs of rows of 10. */
    public static ImageGrid reconstructions(VariationalAutoencoder vae, INDArray x, int[] labels, int count, long[] imageShape) {
        int n = (int) Math.min(count, x.size(0));
        INDArray inputs = x.get(NDArrayIndex.interval(0, n));
        INDArray outputs = vae.reconstruct(inputs, labels == null ? null : Arrays.copyOf(labels, n));
        INDArray in = asImages(inputs, imageShape), out = asImages(outputs, imageShape);
        int perRow = Math.min(10, n);
        INDArray[] blocks = new INDArray[2 * ((n + perRow - 1) / perRow)];
        for (int b = 0; b < blocks.length / 2; b++) {
            int start = b * perRow, end = Math.min(n, start + perRow);
            blocks[2 * b] = padded(in.get(NDArrayIndex.interval(start, end)), perRow);
            blocks[2 * b + 1] = padded(out.get(NDArrayIndex.interval(start, end)), perRow);
        }
        return ImageGrid.of(Nd4j.concat(0, blocks), perRow);
    }

    /**
     * The latent means of {@code x} on the two most active latent dimensions (the largest variance of the means
     * across rows: dimensions the KL term switched off show nothing), coloured by label when given.
     */
    public static ScatterPlot latentScatter(VariationalAutoencoder vae, INDArray x, int[] labels, String title) {
        INDArray means = vae.encode(x, vae.architecture().conditional() ? labels : null).mean();
        int[] groups = labels != null ? labels : new int[(int) means.rows()];
        double[] activity = means.var(0).toDoubleVector();
        Integer[] order = java.util.stream.IntStream.range(0, activity.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(activity[b], activity[a]));
        int first = order[0];
        double[] second = order.length > 1 ? means.getColumn(order[1]).toDoubleVector() : new double[(int) means.rows()];
        return ScatterPlot.of(title, "z" + (first + 1), order.length > 1 ? "z" + (order[1] + 1) : "(latent size 1)",
                means.getColumn(first).toDoubleVector(), second, groups);
    }

    /** {@code steps} decoded points on the line between the encodings of two inputs (unconditional models). */
    public static ImageGrid interpolation(VariationalAutoencoder vae, INDArray from, INDArray to, int steps, long[] imageShape) {
        return ImageGrid.of(asImages(vae.interpolate(from, to, steps), imageShape), steps);
    }

    private static INDArray padded(INDArray images, int count) {
        if (images.size(0) == count) {
            return images;
        }
        long[] shape = images.shape().clone();
        shape[0] = count - images.size(0);
        return Nd4j.concat(0, images, Nd4j.zeros(images.dataType(), shape));
    }

    private static INDArray asImages(INDArray data, long[] imageShape) {
        if (data.rank() == 4) {
            return data;
        }
        return data.reshape('c', data.size(0), imageShape[0], imageShape[1], imageShape[2]);
    }
}
