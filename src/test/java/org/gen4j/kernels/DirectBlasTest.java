package org.gen4j.kernels;

import org.gen4j.kernels.DirectBlas;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct OpenBLAS products against ND4J's, for the layouts gen4j's layers hand over. */
class DirectBlasTest {

    private static void assertSameProduct(INDArray a, boolean ta, INDArray b, boolean tb, double tolerance) {
        long m = ta ? a.columns() : a.rows(), n = tb ? b.rows() : b.columns();
        INDArray direct = Nd4j.create(a.dataType(), new long[]{m, n}, 'f'), expected = Nd4j.create(a.dataType(), new long[]{m, n}, 'f');
        assertTrue(DirectBlas.gemm(a, ta, b, tb, direct), "the direct path takes these");
        Nd4j.gemm(a, b, expected, ta, tb, 1.0, 0.0);
        assertEquals(0.0, direct.sub(expected).amaxNumber().doubleValue(), tolerance);
    }

    @Test
    void everyTransposeBothPrecisionsAndViewsByOffsetAndLeadingDimension() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            double tolerance = type == DataType.FLOAT ? 1e-4 : 1e-12;
            INDArray a = Nd4j.rand(type, 7, 5).dup('f'), b = Nd4j.rand(type, 5, 3).dup('f');
            assertSameProduct(a, false, b, false, tolerance);
            assertSameProduct(a.dup('f').transpose().dup('f'), true, b, false, tolerance);
            assertSameProduct(a, false, b.transpose().dup('f'), true, tolerance);
            assertSameProduct(a.transpose().dup('f'), true, b.transpose().dup('f'), true, tolerance);
            // a block of a bigger column-major matrix: offset into the buffer, leading dimension 11
            INDArray big = Nd4j.rand(type, 11, 9).dup('f');
            INDArray block = big.get(NDArrayIndex.interval(2, 9), NDArrayIndex.interval(3, 8));
            assertEquals(11, block.stride(1));
            assertSameProduct(block, false, b, false, tolerance);
            // a row vector and a column vector
            assertSameProduct(Nd4j.rand(type, 1, 5).dup('f'), false, b, false, tolerance);
            assertSameProduct(a, false, Nd4j.rand(type, 5, 1).dup('f'), false, tolerance);
        }
    }

    @Test
    void arraysInAWorkspace() {
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "DirectBlasTest")) {
            Nd4j.create(DataType.FLOAT, 13);                        // so the next arrays do not start the workspace
            INDArray a = Nd4j.rand(DataType.FLOAT, 6, 4).dup('f'), b = Nd4j.rand(DataType.FLOAT, 4, 8).dup('f');
            assertSameProduct(a, false, b, false, 1e-4);
        }
    }

    @Test
    void rowMajorOperandsAndMixedTypesAreLeftToNd4j() {
        INDArray out = Nd4j.create(DataType.FLOAT, new long[]{3, 3}, 'f');
        assertFalse(DirectBlas.gemm(Nd4j.rand(DataType.FLOAT, 3, 4), false, Nd4j.rand(DataType.FLOAT, 4, 3).dup('f'), false, out), "row-major a");
        assertFalse(DirectBlas.gemm(Nd4j.rand(DataType.DOUBLE, 3, 4).dup('f'), false, Nd4j.rand(DataType.FLOAT, 4, 3).dup('f'), false, out), "types");
        assertFalse(DirectBlas.gemm(Nd4j.rand(DataType.FLOAT, 3, 5).dup('f'), false, Nd4j.rand(DataType.FLOAT, 4, 3).dup('f'), false, out), "shapes");
        assertEquals(0.0, out.sumNumber().doubleValue());
    }
}
