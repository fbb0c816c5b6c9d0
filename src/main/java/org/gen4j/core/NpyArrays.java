package org.gen4j.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} bytes from an untrusted file into an array, checking the header against the bytes
 * present before anything is allocated: ND4J's own reader trusts the header's shape and copies that many bytes from
 * native memory (a header claiming more values than the file holds read past the buffer, or crashed the JVM).
 * <pre>{@code
 * INDArray means = NpyArrays.read(Files.readAllBytes(path));   // what numpy.save wrote, or Nd4j.toNpyByteArray
 * }</pre>
 * Versions 1.0, 2.0 and 3.0 of the format; little-, big-endian or single-byte values of types {@code f8 f4 i8 i4
 * i2 i1 u1 b1}; C or Fortran order. Anything else, and any mismatch, is an {@link IllegalArgumentException} saying
 * what is wrong.
 */
public final class NpyArrays {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_RANK = 32;
    /** Longer headers are not what numpy writes (it pads to 64 bytes; shapes take a few dozen). */
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d{1,2})'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^()]*)\\)");

    private NpyArrays() {
    }

    /** @throws IllegalArgumentException (or ArithmeticException for shapes past a long) saying what is wrong */
    public static INDArray read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 4 || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a .npy array (no \\x93NUMPY magic)");
        }
        int major = bytes[6], minor = bytes[7];
        if (major < 1 || major > 3 || minor != 0) {
            throw new IllegalArgumentException(".npy format version " + major + "." + minor + " (1.0, 2.0 and 3.0 are read)");
        }
        in.position(8);
        long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : remaining(in, 4) ? Integer.toUnsignedLong(in.getInt()) : -1;
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES || headerLength > in.remaining()) {
            throw new IllegalArgumentException(".npy header of " + headerLength + " bytes in " + bytes.length + " bytes");
        }
        String header = new String(bytes, in.position(), (int) headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int dataStart = in.position() + (int) headerLength;
        Layout layout = Layout.parse(header);
        long present = bytes.length - dataStart;
        long needed = Math.multiplyExact(layout.values, (long) layout.width);
        if (present != needed) {
            throw new IllegalArgumentException(".npy header declares " + java.util.Arrays.toString(layout.shape) + " " + layout.kind
                    + layout.width + " (" + needed + " bytes) but " + present + " bytes follow it");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) present).slice().order(layout.order);
        return layout.build(data);
    }

    private static boolean remaining(ByteBuffer in, int bytes) {
        return in.remaining() >= bytes;
    }

    /** What the header says: type, byte order, shape, storage order. */
    private record Layout(char kind, int width, ByteOrder order, long[] shape, long values, char storage) {
        static Layout parse(String header) {
            Matcher descr = DESCR.matcher(header), order = ORDER.matcher(header), shape = SHAPE.matcher(header);
            if (!descr.find() || !order.find() || !shape.find()) {
                throw new IllegalArgumentException(".npy header is not {'descr', 'fortran_order', 'shape'}: " + abbreviate(header.strip()));
            }
            char kind = descr.group(2).charAt(0);
            int width = Integer.parseInt(descr.group(3));
            String type = kind + "" + width;
            if (!java.util.Set.of("f8", "f4", "i8", "i4", "i2", "i1", "u1", "b1").contains(type)) {
                throw new IllegalArgumentException(".npy values of type " + type + " (f8 f4 i8 i4 i2 i1 u1 b1 are read)");
            }
            ByteOrder byteOrder = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN
                    : descr.group(1).equals("=") ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
            long[] dims = dimensions(shape.group(1));
            long values = 1;
            for (long d : dims) {
                values = Math.multiplyExact(values, d);
            }
            return new Layout(kind, width, byteOrder, dims, values, order.group(1).equals("True") ? 'f' : 'c');
        }

        private static long[] dimensions(String list) {
            String trimmed = list.strip();
            if (trimmed.isEmpty()) {
                return new long[0];
            }
            String[] parts = trimmed.endsWith(",") ? trimmed.substring(0, trimmed.length() - 1).split(",") : trimmed.split(",");
            if (parts.length > MAX_RANK) {
                throw new IllegalArgumentException(".npy shape of rank " + parts.length + " (at most " + MAX_RANK + ")");
            }
            long[] dims = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].strip();
                if (!p.matches("\\d{1,18}")) {
                    throw new IllegalArgumentException(".npy shape has a dimension '" + abbreviate(p) + "'");
                }
                dims[i] = Long.parseLong(p);
            }
            return dims;
        }

        INDArray build(ByteBuffer data) {
            if (values > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(".npy array of " + values + " values (at most 2^31 - 9 per array)");
            }
            int n = (int) values;
            INDArray flat = switch (kind + "" + width) {
                case "f8" -> {
                    double[] v = new double[n];
                    data.asDoubleBuffer().get(v);
                    yield Nd4j.createFromArray(v);
                }
                case "f4" -> {
                    float[] v = new float[n];
                    data.asFloatBuffer().get(v);
                    yield Nd4j.createFromArray(v);
                }
                case "i8" -> {
                    long[] v = new long[n];
                    data.asLongBuffer().get(v);
                    yield Nd4j.createFromArray(v);
                }
                case "i4" -> {
                    int[] v = new int[n];
                    data.asIntBuffer().get(v);
                    yield Nd4j.createFromArray(v);
                }
                case "i2" -> {
                    short[] v = new short[n];
                    data.asShortBuffer().get(v);
                    yield Nd4j.createFromArray(v);
                }
                case "i1", "u1" -> {
                    byte[] v = new byte[n];
                    data.get(v);
                    yield kind == 'u' ? unsigned(v) : Nd4j.createFromArray(v);
                }
                default -> {                                         // b1
                    boolean[] v = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = data.get(i) != 0;
                    }
                    yield Nd4j.createFromArray(v);
                }
            };
            if (shape.length == 0) {
                return flat.reshape(new long[0]);
            }
            if (n == 0) {
                return Nd4j.create(flat.dataType(), shape);
            }
            return flat.reshape(storage, shape).dup('c');
        }

        private static INDArray unsigned(byte[] v) {
            int[] widened = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                widened[i] = Byte.toUnsignedInt(v[i]);
            }
            return Nd4j.createFromArray(widened).castTo(DataType.UBYTE);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
