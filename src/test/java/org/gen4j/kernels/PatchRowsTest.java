package org.gen4j.kernels;

import org.gen4j.kernels.PatchRows;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchRowsTest {

    /** libnd4j's im2col into [b, c, kH, kW, oH, oW], then as rows [b·P, K]. */
    private static INDArray libnd4jRows(INDArray x, int[] kernel, int[] stride, int[] padding, int[] dilation, int oH, int oW) {
        long b = x.size(0), c = x.size(1);
        INDArray col = Nd4j.create(x.dataType(), b, c, kernel[0], kernel[1], oH, oW);
        Convolution.im2col(x, kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], false, col);
        return col.reshape('c', b, c * kernel[0] * kernel[1], (long) oH * oW).permute(0, 2, 1).dup('c').reshape('c', b * oH * oW, c * kernel[0] * kernel[1]);
    }

    @Test
    void unfoldEqualsLibnd4jsIm2colAsRowsAndFoldIsItsAdjoint() {
        // kernel, stride, padding (top, left), dilation, input size, output grid
        int[][][] cases = {
                {{4, 4}, {2, 2}, {1, 1}, {1, 1}, {14, 14}, {7, 7}},
                {{3, 3}, {1, 1}, {0, 0}, {1, 1}, {9, 8}, {7, 6}},
                {{3, 2}, {2, 1}, {1, 0}, {2, 2}, {10, 9}, {4, 7}}};
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            for (int[][] t : cases) {
                INDArray x = Nd4j.randn(type, 9, 3, t[4][0], t[4][1]);       // 9 images: split over two threads
                PatchRows patches = PatchRows.of(3, t[4][0], t[4][1], t[5][0], t[5][1], t[0], t[1], t[2], t[3]);
                INDArray rows = Nd4j.create(type, 9L * t[5][0] * t[5][1], 3L * t[0][0] * t[0][1]);
                assertTrue(patches.unfold(x, rows));
                assertEquals(libnd4jRows(x, t[0], t[1], t[2], t[3], t[5][0], t[5][1]), rows, "im2col " + type);
                // <unfold(x), r> = <x, fold(r)> for any r
                INDArray r = Nd4j.randn(type, rows.shape());
                INDArray folded = Nd4j.create(type, x.shape());
                assertTrue(patches.fold(r, folded));
                double left = rows.castTo(DataType.DOUBLE).mul(r.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                double right = x.castTo(DataType.DOUBLE).mul(folded.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                assertEquals(left, right, (type == DataType.FLOAT ? 1e-4 : 1e-11) * (1 + Math.abs(left)), "col2im is im2col's adjoint");
            }
        }
    }

    @Test
    void arraysThatDoNotFitTheGeometryAreLeftAlone() {
        PatchRows patches = PatchRows.of(2, 5, 5, 3, 3, new int[]{3, 3}, new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 1});
        INDArray rows = Nd4j.create(DataType.FLOAT, 2 * 9, 18);
        assertFalse(patches.unfold(Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5), rows), "channels");
        assertFalse(patches.unfold(Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 5), rows), "types");
        assertFalse(patches.unfold(Nd4j.rand(DataType.FLOAT, 2, 2, 5, 5).permute(0, 1, 3, 2), rows), "not row-major");
        assertEquals(0.0, rows.sumNumber().doubleValue());
    }
}
