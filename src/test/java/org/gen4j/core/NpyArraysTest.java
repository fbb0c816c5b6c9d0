package org.gen4j.core;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyArraysTest {
    private static final double[][] VALUES = {{1.5, -2.0, 3.25}, {0.0, 1e-300, -7.0}};

    /** A fixture written by numpy 1.24 (src/test/resources/npy/make_fixtures.py): an independent writer. */
    private static INDArray numpyFile(String name) throws java.io.IOException {
        try (var in = NpyArraysTest.class.getResourceAsStream("/npy/" + name)) {
            return NpyArrays.read(in.readAllBytes());
        }
    }

    @Test
    void readsWhatNd4jAndNumpyWrite() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT, DataType.LONG, DataType.INT, DataType.SHORT, DataType.BYTE, DataType.UBYTE, DataType.BOOL}) {
            INDArray original = Nd4j.linspace(0, 11, 12, DataType.DOUBLE).reshape(3, 4).castTo(type);
            INDArray read = NpyArrays.read(Nd4j.toNpyByteArray(original));
            assertEquals(type, read.dataType());
            assertArrayEquals(original.shape(), read.shape());
            assertBitIdentical(original.castTo(DataType.DOUBLE), read.castTo(DataType.DOUBLE), type.toString());
        }
        INDArray scalar = NpyArrays.read(Nd4j.toNpyByteArray(Nd4j.scalar(2.5)));
        assertEquals(0, scalar.rank());
        assertEquals(2.5, scalar.getDouble(0));
    }

    @Test
    void readsWhatNumpyWrites() throws java.io.IOException {
        INDArray expected = Nd4j.createFromArray(VALUES);
        for (String name : new String[]{"c_f8.npy", "fortran_f8.npy", "big_endian_f8.npy", "v2_f8.npy"}) {
            assertBitIdentical(expected, numpyFile(name), name);
        }
        assertBitIdentical(expected.castTo(DataType.FLOAT), numpyFile("f4.npy"), "f4");
        assertBitIdentical(Nd4j.createFromArray(new long[][]{{1, -2, 3}, {4, 5, -6}}).castTo(DataType.DOUBLE),
                numpyFile("i8.npy").castTo(DataType.DOUBLE), "i8");
        assertEquals(DataType.LONG, numpyFile("i8.npy").dataType());
        assertEquals(Nd4j.createFromArray(true, false, true), numpyFile("b1.npy"));
        INDArray scalar = numpyFile("scalar_f8.npy");
        assertEquals(0, scalar.rank());
        assertEquals(2.5, scalar.getDouble(0));
    }

    @Test
    void malformedHeadersSayWhatIsWrong() {
        byte[] good = Nd4j.toNpyByteArray(Nd4j.ones(DataType.DOUBLE, 2, 3));
        assertMessage(java.util.Arrays.copyOf(good, good.length - 1), "declares [2, 3] f8 (48 bytes) but 47 bytes follow");
        assertMessage(java.util.Arrays.copyOf(good, 9), "not a .npy array");
        assertMessage(java.util.Arrays.copyOf(good, 40), "header of 118 bytes in 40 bytes");
        byte[] version = good.clone();
        version[6] = 9;
        assertMessage(version, "format version 9.0");
        String complex = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("'<f8'", "'<c8'");
        assertMessage(complex.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "type c8");
        byte[] hugeHeader = good.clone();
        hugeHeader[8] = (byte) 0xff;
        hugeHeader[9] = (byte) 0xff;
        assertMessage(hugeHeader, "header of 65535 bytes");
    }

    private static void assertMessage(byte[] bytes, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpyArrays.read(bytes));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
