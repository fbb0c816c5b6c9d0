package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST ({@code train-images-idx3-ubyte[.gz]},
 * {@code train-labels-idx1-ubyte[.gz]}): a magic number naming the element type and rank, big-endian sizes, then
 * the values. Gzip is detected from the file's first bytes.
 *
 * <pre>{@code
 * INDArray images = IdxReader.images(Path.of("train-images-idx3-ubyte.gz"));   // [n, 1, 28, 28], values in [0, 1]
 * int[] labels = IdxReader.labels(Path.of("train-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** Images {@code [n, 1, h, w]} as float32 intensities in [0, 1] (pixel / 255). */
    public static INDArray images(Path file) {
        return images(read(file), file.toString());
    }

    /** Images from a stream (e.g. a bundled resource); {@code name} says where it came from in messages. */
    public static INDArray images(InputStream in, String name) {
        return images(read(in, name), name);
    }

    private static INDArray images(Idx idx, String file) {
        if (idx.shape.length != 3) {
            throw new Gen4jException(file + " holds a rank-" + idx.shape.length + " array " + Arrays.toString(idx.shape)
                    + ", not images [n, height, width]");
        }
        float[] values = new float[idx.bytes.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (idx.bytes[i] & 0xFF) / 255f;
        }
        return Nd4j.create(values, new long[]{idx.shape[0], 1, idx.shape[1], idx.shape[2]}, DataType.FLOAT);
    }

    /** Class labels, one per image. */
    public static int[] labels(Path file) {
        return labels(read(file), file.toString());
    }

    public static int[] labels(InputStream in, String name) {
        return labels(read(in, name), name);
    }

    private static int[] labels(Idx idx, String file) {
        if (idx.shape.length != 1) {
            throw new Gen4jException(file + " holds a rank-" + idx.shape.length + " array, not labels [n]");
        }
        int[] labels = new int[idx.bytes.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = idx.bytes[i] & 0xFF;
        }
        return labels;
    }

    private record Idx(int[] shape, byte[] bytes) {
    }

    private static Idx read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Gen4jException("IDX file not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new Gen4jException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Idx read(InputStream source, String file) {
        try (DataInputStream in = new DataInputStream(open(source))) {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || rank < 1 || rank > 4) {
                throw new Gen4jException(file + " is not an IDX file (magic number 0x" + Integer.toHexString(magic) + ")");
            }
            if (type != UNSIGNED_BYTE) {
                throw new Gen4jException(file + ": IDX element type 0x" + Integer.toHexString(type)
                        + " is not supported (gen4j reads unsigned bytes, the type of MNIST-style files)");
            }
            int[] shape = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = in.readInt();
                if (shape[i] < 0) {
                    throw new Gen4jException(file + " is corrupt: negative size " + shape[i] + " in its header");
                }
                count = count > Integer.MAX_VALUE ? count : count * shape[i];    // past 2^31 it is refused: stop before a long wraps
            }
            if (count > Integer.MAX_VALUE - 16) {
                throw new Gen4jException(file + " is too large to load at once (its header says " + Arrays.toString(shape) + ")");
            }
            if (count == 0) {
                throw new Gen4jException(file + " holds no values (its header says " + Arrays.toString(shape) + ")");
            }
            // read as the bytes arrive, so a header that promises gigabytes costs only what the file holds
            byte[] bytes = in.readNBytes((int) count);
            if (bytes.length < count) {
                throw new Gen4jException(file + " is truncated: its header promises " + Arrays.toString(shape) + " = " + count
                        + " values, the file holds " + bytes.length);
            }
            if (in.read() != -1) {
                throw new Gen4jException(file + " is corrupt: it goes on after the " + count + " values its header " + Arrays.toString(shape) + " promises");
            }
            return new Idx(shape, bytes);
        } catch (EOFException e) {
            throw new Gen4jException(file + " is truncated or empty (no complete IDX header)");
        } catch (IOException e) {
            throw new Gen4jException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(InputStream source) throws IOException {
        InputStream raw = new BufferedInputStream(source);
        raw.mark(2);
        int first = raw.read(), second = raw.read();
        raw.reset();
        return first == 0x1f && second == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw)) : raw;
    }
}
