package org.gen4j.kernels;

import org.gen4j.kernels.NativeArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeArrayTest {
    private static INDArray matrix() {
        return Nd4j.linspace(0, 19, 20, DataType.DOUBLE).reshape('c', 4, 5).dup('c');   // row i: 5i .. 5i + 4
    }

    @Test
    void readsAndWritesFromTheArraysOwnFirstValue() {
        INDArray rows = matrix().get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());         // a view at offset 5
        NativeArray values = NativeArray.of(rows);
        assertEquals(10, values.extent());
        double[] got = new double[10];
        values.read(0, got, 0, 10);
        assertArrayEquals(new double[]{5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, got);
        values.write(2, new double[]{-1, -2}, 0, 2);
        assertEquals(-1, rows.getDouble(0, 2));
        assertEquals(-2, rows.getDouble(0, 3));
    }

    @Test
    void accessOutsideTheArraysOwnValuesIsRefusedEvenInsideItsBuffer() {
        INDArray whole = matrix();
        INDArray rows = whole.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        NativeArray values = NativeArray.of(rows);
        double[] into = new double[20];
        // the buffer holds 20 values: the rows after the view are there, but not the view's
        assertThrows(IndexOutOfBoundsException.class, () -> values.read(5, into, 0, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> values.read(-1, into, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> values.write(10, into, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> values.read(0, into, 0, Integer.MAX_VALUE));
        assertEquals(15.0, whole.getDouble(3, 0), "nothing written past the view");
        // a column reaches from its first value to its last, strides included
        assertEquals(16, NativeArray.of(whole.getColumn(2)).extent());
    }

    @Test
    void typesMustMatchAndOnlyFloatingArraysInHostMemoryAreTaken() {
        NativeArray floats = NativeArray.of(Nd4j.create(DataType.FLOAT, 8));
        assertTrue(floats.isFloat());
        assertThrows(IllegalArgumentException.class, () -> floats.read(0, new double[8], 0, 8));
        assertThrows(IllegalArgumentException.class, () -> floats.copyTo(0, NativeArray.of(Nd4j.create(DataType.DOUBLE, 8)), 0, 8));
        assertFalse(NativeArray.suits(Nd4j.create(DataType.INT, 8)));
        assertFalse(NativeArray.suits(Nd4j.empty(DataType.DOUBLE)));
        assertThrows(IllegalArgumentException.class, () -> NativeArray.of(Nd4j.create(DataType.INT, 8)));
    }

    @Test
    void copiesBetweenArraysAndPinsAddressesWithinTheArray() {
        INDArray source = matrix(), target = Nd4j.create(DataType.DOUBLE, 2, 5);
        NativeArray.of(source).copyTo(15, NativeArray.of(target), 0, 5);
        assertArrayEquals(new double[]{15, 16, 17, 18, 19}, target.getRow(0).toDoubleVector());
        INDArray rows = source.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        NativeArray view = NativeArray.of(rows);
        try (NativeArray.Pin pin = view.pin(); NativeArray.Pin wholePin = NativeArray.of(source).pin()) {
            assertEquals(wholePin.address(5, 1), pin.address(0, 10), "a view's first value is the whole's fifth");
            assertEquals(pin.address(0, 1) + 3 * Double.BYTES, pin.address(3, 7));
            assertThrows(IndexOutOfBoundsException.class, () -> pin.address(3, 8));
        }
    }
}
