package org.gen4j.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * im2col and col2im straight into and out of the row layout the convolutions multiply: the patch of image i at
 * grid position p is row {@code i·P + p} of a row-major {@code [b·P, K]}, with {@code K = c·kH·kW} in DL4J's weight
 * order (channel, kernel row, kernel column). libnd4j unrolls into {@code [b, K, P]} and a batched transpose then
 * made the rows: two passes of ~1 ns per value where this is one, and col2im the same backwards (the two were a
 * third of a DCGAN iteration). Images are independent, so they are split between two threads; a value's sum in
 * col2im never depends on that split.
 *
 * <pre>{@code
 * PatchRows patches = PatchRows.of(c, h, w, gridH, gridW, kernel, stride, padding, dilation);
 * patches.unfold(images, rows);      // [b, c, h, w] -> [b·gridH·gridW, c·kH·kW]
 * }</pre>
 */
public final class PatchRows {
    private static final boolean CPU = org.gen4j.kernels.SimdKernels.cpuBackend();
    private final int channels, height, width, gridPositions, patchLength;
    /** For patch value k at grid position p: where it is read in its image ({@code c·h·w + y·w + x}), or -1 (padding). */
    private final int[] source;

    private PatchRows(int channels, int height, int width, int gridPositions, int patchLength, int[] source) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.gridPositions = gridPositions;
        this.patchLength = patchLength;
        this.source = source;
    }

    /**
     * The patches of {@code [c, h, w]} images seen by a kernel at a {@code gridH × gridW} grid of positions:
     * position (gy, gx) reads row {@code gy·stride − padTop + ky·dilation} and column likewise.
     *
     * @param kernel {kH, kW} @param stride {sH, sW} @param padding {top, left} @param dilation {dH, dW}
     */
    public static PatchRows of(long c, long h, long w, long gridH, long gridW, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        int positions = (int) (gridH * gridW), patch = (int) (c * kernel[0] * kernel[1]);
        int[] source = new int[positions * patch];
        for (int gy = 0; gy < gridH; gy++) {
            for (int gx = 0; gx < gridW; gx++) {
                int at = (int) (gy * gridW + gx) * patch;
                for (int channel = 0; channel < c; channel++) {
                    for (int ky = 0; ky < kernel[0]; ky++) {
                        int y = gy * stride[0] - padding[0] + ky * dilation[0];
                        for (int kx = 0; kx < kernel[1]; kx++) {
                            int x = gx * stride[1] - padding[1] + kx * dilation[1];
                            boolean inside = y >= 0 && y < h && x >= 0 && x < w;
                            source[at++] = inside ? (int) ((channel * h + y) * w + x) : -1;
                        }
                    }
                }
            }
        }
        return new PatchRows((int) c, (int) h, (int) w, positions, patch, source);
    }

    /**
     * rows ← the patches of every image (im2col).
     *
     * @param images [b, c, h, w] @param rows [b·P, K] row-major, like images in type
     * @return false (nothing written) when the arrays do not suit: float32 or float64, dense row-major
     */
    public boolean unfold(INDArray images, INDArray rows) {
        if (!suits(images, rows)) {
            return false;
        }
        int imageLength = channels * height * width, rowsLength = gridPositions * patchLength;
        forEachImage(images, (i, imageValues, rowValues) -> {
            imageValues.read(i * imageLength, imageLength);
            rowValues.gather(imageValues, source);
            rowValues.write(i * rowsLength, rowsLength);
        }, rows);
        return true;
    }

    /**
     * images ← for every pixel, the sum of the patch values read from it (col2im, the adjoint of {@link #unfold}).
     *
     * @param rows [b·P, K] row-major @param images [b, c, h, w], overwritten
     */
    public boolean fold(INDArray rows, INDArray images) {
        if (!suits(images, rows)) {
            return false;
        }
        int imageLength = channels * height * width, rowsLength = gridPositions * patchLength;
        forEachImage(images, (i, imageValues, rowValues) -> {
            rowValues.read(i * rowsLength, rowsLength);
            imageValues.clear(imageLength);
            imageValues.scatterAdd(rowValues, source);
            imageValues.write(i * imageLength, imageLength);
        }, rows);
        return true;
    }

    private boolean suits(INDArray images, INDArray rows) {
        boolean floating = images.dataType() == DataType.FLOAT || images.dataType() == DataType.DOUBLE;
        return CPU && floating && rows.dataType() == images.dataType() && images.rank() == 4 && rows.rank() == 2
                && images.size(1) == channels && images.size(2) == height && images.size(3) == width
                && rows.rows() == images.size(0) * gridPositions && rows.columns() == patchLength
                && ElementwiseKernels.denseRowMajor(images) && ElementwiseKernels.denseRowMajor(rows)
                && NativeArray.suits(images) && NativeArray.suits(rows);
    }

    private interface ImagePass {
        void run(int image, Values imageValues, Values rowValues);
    }

    /** The images by {@link ImageParts}, each part with its own scratch arrays. */
    private void forEachImage(INDArray images, ImagePass pass, INDArray rows) {
        ImageParts.forEach(images.size(0), (part, from, end) -> {
            Values imageValues = new Values(images, channels * height * width);
            Values rowValues = new Values(rows, gridPositions * patchLength);
            for (int i = from; i < end; i++) {
                pass.run(i, imageValues, rowValues);
            }
        });
    }

    /** One image's (or one image's rows') values on the heap, in the array's own type. */
    private static final class Values {
        private final NativeArray memory;
        private final float[] floats;
        private final double[] doubles;

        Values(INDArray a, int length) {
            memory = NativeArray.of(a);
            boolean single = memory.isFloat();
            floats = single ? new float[length] : null;
            doubles = single ? null : new double[length];
        }

        void read(int from, int length) {
            if (floats != null) {
                memory.read(from, floats, 0, length);
            } else {
                memory.read(from, doubles, 0, length);
            }
        }

        void write(int from, int length) {
            if (floats != null) {
                memory.write(from, floats, 0, length);
            } else {
                memory.write(from, doubles, 0, length);
            }
        }

        void clear(int length) {
            if (floats != null) {
                java.util.Arrays.fill(floats, 0, length, 0f);
            } else {
                java.util.Arrays.fill(doubles, 0, length, 0.0);
            }
        }

        /** this[j] ← image[source[j]], 0 where source[j] is -1. */
        void gather(Values image, int[] source) {
            if (floats != null) {
                float[] in = image.floats;
                for (int j = 0; j < source.length; j++) {
                    int s = source[j];
                    floats[j] = s < 0 ? 0f : in[s];
                }
            } else {
                double[] in = image.doubles;
                for (int j = 0; j < source.length; j++) {
                    int s = source[j];
                    doubles[j] = s < 0 ? 0.0 : in[s];
                }
            }
        }

        /** this[source[j]] += rows[j], in the order of j. */
        void scatterAdd(Values rows, int[] source) {
            if (floats != null) {
                float[] in = rows.floats;
                for (int j = 0; j < source.length; j++) {
                    int s = source[j];
                    if (s >= 0) {
                        floats[s] += in[j];
                    }
                }
            } else {
                double[] in = rows.doubles;
                for (int j = 0; j < source.length; j++) {
                    int s = source[j];
                    if (s >= 0) {
                        doubles[s] += in[j];
                    }
                }
            }
        }
    }
}
