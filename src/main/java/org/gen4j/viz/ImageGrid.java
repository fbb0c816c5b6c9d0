package org.gen4j.viz;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Images laid out in a grid and written as one PNG: samples of a generative model, inputs beside their
 * reconstructions, an interpolation strip. Pixel values are intensities in [0, 1] (clipped); one channel is grey,
 * three are RGB.
 *
 * <pre>{@code
 * ImageGrid.of(vae.sample(64, 1), 8).write(Path.of("samples.png"));          // [64, 1, 8, 8] -> an 8 x 8 grid
 * BufferedImage picture = ImageGrid.of(images, 10).render();                 // for a notebook cell
 * }</pre>
 */
public final class ImageGrid implements Picture {
    private static final int GAP = 2;
    private final float[][][][] images;    // [n][c][h][w]
    private final int columns;
    private int pixelScale;

    private ImageGrid(float[][][][] images, int columns) {
        this.images = images;
        this.columns = columns;
        int h = images[0][0].length;
        this.pixelScale = Math.max(1, 56 / h);
    }

    /**
     * @param images  {@code [n, c, h, w]} with c = 1 or 3, channels-last {@code [n, h, w, c]}, or {@code [n, h, w]}
     * @param columns images per row of the grid
     */
    public static ImageGrid of(INDArray images, int columns) {
        if (images == null || images.rank() < 3 || images.rank() > 4 || images.size(0) == 0) {
            throw new Gen4jException("an image grid needs images [n, c, h, w] or [n, h, w], got "
                    + (images == null ? "null" : Arrays.toString(images.shape())));
        }
        INDArray four = images.rank() == 3 ? images.reshape(images.size(0), 1, images.size(1), images.size(2)) : images;
        if (four.size(1) != 1 && four.size(1) != 3 && (four.size(3) == 1 || four.size(3) == 3)) {
            four = four.permute(0, 3, 1, 2);       // channels last, as Keras models produce them
        }
        if (four.size(1) != 1 && four.size(1) != 3) {
            throw new Gen4jException("images must have 1 (grey) or 3 (RGB) channels, got " + four.size(1));
        }
        if (columns < 1) {
            throw new Gen4jException("an image grid needs at least 1 column, got " + columns);
        }
        int n = (int) four.size(0), c = (int) four.size(1), h = (int) four.size(2), w = (int) four.size(3);
        float[] flat = four.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][][][] out = new float[n][c][h][w];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[i][ch][y][x] = flat[k++];
                    }
                }
            }
        }
        return new ImageGrid(out, Math.min(columns, n));
    }

    /** Screen pixels per image pixel (default: enough to make each image about 56 pixels tall). */
    public ImageGrid pixelScale(int scale) {
        if (scale < 1) {
            throw new Gen4jException("pixel scale must be at least 1, got " + scale);
        }
        this.pixelScale = scale;
        return this;
    }

    @Override
    public BufferedImage render() {
        int n = images.length, h = images[0][0].length, w = images[0][0][0].length;
        int rows = (n + columns - 1) / columns;
        int cellW = w * pixelScale + GAP, cellH = h * pixelScale + GAP;
        BufferedImage picture = new BufferedImage(columns * cellW + GAP, rows * cellH + GAP, BufferedImage.TYPE_INT_RGB);
        int background = 0x404040;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                picture.setRGB(x, y, background);
            }
        }
        for (int i = 0; i < n; i++) {
            int left = GAP + (i % columns) * cellW, top = GAP + (i / columns) * cellH;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = colour(images[i], y, x);
                    for (int dy = 0; dy < pixelScale; dy++) {
                        for (int dx = 0; dx < pixelScale; dx++) {
                            picture.setRGB(left + x * pixelScale + dx, top + y * pixelScale + dy, rgb);
                        }
                    }
                }
            }
        }
        return picture;
    }

    private static int colour(float[][][] image, int y, int x) {
        if (image.length == 1) {
            int v = level(image[0][y][x]);
            return v << 16 | v << 8 | v;
        }
        return level(image[0][y][x]) << 16 | level(image[1][y][x]) << 8 | level(image[2][y][x]);
    }

    private static int level(float intensity) {
        float clipped = Float.isNaN(intensity) ? 0 : Math.max(0, Math.min(1, intensity));
        return Math.round(clipped * 255);
    }
}
