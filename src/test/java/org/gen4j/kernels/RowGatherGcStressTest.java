package org.gen4j.kernels;

import org.gen4j.testing.GcStress;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Minibatches gathered from a matrix nothing else holds (a view's, too) keep their bits under collection. */
class RowGatherGcStressTest {
    @Test
    void gatheredRowsKeepTheirBits() {
        Nd4j.getRandom().setSeed(5);
        int[] pick = new java.util.Random(5).ints(128, 0, 2000).toArray();
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray rows = Nd4j.randn(type, 2100, 64);
            GcStress.assertSameBitsUnderCollection("rows " + type, 200, 400,
                    () -> RowGather.rows(rows.dup(), pick).castTo(DataType.DOUBLE).data().asDouble());
            GcStress.assertSameBitsUnderCollection("rows of a view " + type, 200, 400,
                    () -> RowGather.rows(rows.dup().get(NDArrayIndex.interval(100, 2100), NDArrayIndex.all()), pick)
                            .castTo(DataType.DOUBLE).data().asDouble());
            INDArray into = Nd4j.create(type, 128, 64);
            GcStress.assertSameBitsUnderCollection("rows into a batch buffer " + type, 200, 400,
                    () -> RowGather.rows(rows.dup(), pick, into).castTo(DataType.DOUBLE).data().asDouble());
        }
    }
}
