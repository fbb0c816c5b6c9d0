package org.gen4j.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bit-for-bit comparison of arrays, for what the docs call bit-identical: ND4J's {@code INDArray.equals} (and so
 * {@code assertEquals} on arrays) tolerates differences of 1e-5.
 */
public final class Bits {
    private Bits() {
    }

    public static void assertBitIdentical(INDArray expected, INDArray actual) {
        assertBitIdentical(expected, actual, "arrays");
    }

    /** Same data type, shape and the same bits in every value (NaNs included); or both null. */
    public static void assertBitIdentical(INDArray expected, INDArray actual, String what) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                fail(what + ": " + (expected == null ? "null expected, got an array" : "an array expected, got null"));
            }
            return;
        }
        if (expected.dataType() != actual.dataType() || !Arrays.equals(expected.shape(), actual.shape())) {
            fail(what + ": " + expected.dataType() + Arrays.toString(expected.shape()) + " expected, got " + actual.dataType()
                    + Arrays.toString(actual.shape()));
        }
        assertBitIdentical(bits(expected), bits(actual), what);
    }

    public static void assertBitIdentical(double[] expected, double[] actual, String what) {
        assertBitIdentical(bits(expected), bits(actual), what);
    }

    private static void assertBitIdentical(long[] expected, long[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": " + expected.length + " values expected, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                long differing = java.util.stream.IntStream.range(0, expected.length).filter(j -> expected[j] != actual[j]).count();
                fail(what + ": " + differing + " of " + expected.length + " values differ, first at " + i + ": "
                        + Double.longBitsToDouble(expected[i]) + " expected, got " + Double.longBitsToDouble(actual[i]));
            }
        }
        assertArrayEquals(expected, actual, what);
    }

    /** The values' bits in row-major order; float32 values widened (exactly) to float64 first. */
    public static long[] bits(INDArray a) {
        INDArray values = a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.DOUBLE);
        return bits(values.dup('c').data().asDouble());
    }

    public static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
