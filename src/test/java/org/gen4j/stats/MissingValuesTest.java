package org.gen4j.stats;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MissingValuesTest {
    @Test
    void findsANaNWhereverItIs() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT, DataType.HALF}) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, 5_000, 3).castTo(type);
            assertFalse(MissingValues.any(x), type.toString());
            for (long[] at : new long[][]{{0, 0}, {2_731, 1}, {4_999, 2}}) {    // first, inside a later chunk, last
                INDArray withGap = x.dup();
                withGap.putScalar(at, Double.NaN);
                assertTrue(MissingValues.any(withGap), type + " NaN at " + at[0] + "," + at[1]);
                assertTrue(MissingValues.any(withGap.dup('f')), type + " column-major, NaN at " + at[0] + "," + at[1]);
            }
        }
    }

    @Test
    void aViewIsJudgedByItsOwnValues() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 100, 4);
        x.putScalar(50, 3, Double.NaN);
        assertFalse(MissingValues.any(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3))), "NaN outside the column view");
        assertFalse(MissingValues.any(x.get(NDArrayIndex.interval(60, 100), NDArrayIndex.all())), "NaN before the row view");
        assertTrue(MissingValues.any(x.get(NDArrayIndex.interval(40, 60), NDArrayIndex.all())), "NaN inside the row view");
        assertTrue(MissingValues.any(x.get(NDArrayIndex.all(), NDArrayIndex.point(3))), "NaN in the column view");
    }

    @Test
    void wholeNumbersAndEmptyArraysHoldNone() {
        assertFalse(MissingValues.any(Nd4j.createFromArray(1, 2, 3)));
        assertFalse(MissingValues.any(Nd4j.empty(DataType.DOUBLE)));
    }
}
