package org.gen4j.data;

import org.gen4j.kernels.RowGather;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowGatherTest {
    @Test
    void theRowsNd4jWouldPullInTheOrderPicked() {
        int[] pick = {7, 3, 11, 3, 0};
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray rows = Nd4j.rand(type, 12, 5);
            INDArray gathered = RowGather.rows(rows, pick);
            assertEquals(Nd4j.pullRows(rows, 1, pick), gathered, type.toString());
            assertEquals('c', gathered.ordering());
            gathered.putScalar(0, 0, 42);                              // a copy, not a view
            assertTrue(rows.getDouble(7, 0) != 42);
        }
    }

    @Test
    void viewsAndOtherLayoutsGiveTheSameRows() {
        INDArray rows = Nd4j.rand(DataType.FLOAT, 12, 5);
        INDArray view = rows.get(NDArrayIndex.interval(2, 10), NDArrayIndex.all());
        assertEquals(Nd4j.pullRows(view, 1, new int[]{1, 6}), RowGather.rows(view, new int[]{1, 6}));
        INDArray columnMajor = rows.dup('f');
        assertEquals(Nd4j.pullRows(rows, 1, new int[]{4, 2}), RowGather.rows(columnMajor, new int[]{4, 2}));
    }

    @Test
    void aBufferOfTheRightShapeIsWrittenOverAndAnyOtherLeftAlone() {
        INDArray rows = Nd4j.rand(DataType.FLOAT, 12, 5);
        INDArray buffer = Nd4j.create(DataType.FLOAT, 3, 5);
        INDArray written = RowGather.rows(rows, new int[]{1, 9, 4}, buffer);
        assertTrue(written == buffer);
        assertEquals(Nd4j.pullRows(rows, 1, new int[]{1, 9, 4}), buffer);
        INDArray wrongShape = Nd4j.create(DataType.FLOAT, 2, 5), wrongType = Nd4j.create(DataType.DOUBLE, 3, 5);
        assertTrue(RowGather.rows(rows, new int[]{1, 9, 4}, wrongShape) != wrongShape);
        assertTrue(RowGather.rows(rows, new int[]{1, 9, 4}, wrongType) != wrongType);
        assertEquals(Nd4j.create(DataType.FLOAT, 2, 5), wrongShape);
        // a view onto rows 2.. of a bigger matrix: read from its offset
        INDArray view = rows.get(NDArrayIndex.interval(2, 12), NDArrayIndex.all());
        assertEquals(Nd4j.pullRows(view, 1, new int[]{0, 9}), RowGather.rows(view, new int[]{0, 9}, null));
    }

    @Test
    void aRowOutsideTheMatrixIsNamed() {
        INDArray rows = Nd4j.rand(DataType.FLOAT, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RowGather.rows(rows, new int[]{1, 4}));
        assertEquals("row 4 picked (position 1) of a matrix with 4 rows", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RowGather.rows(rows, new int[]{-1}));
    }
}
