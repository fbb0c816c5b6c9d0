package org.gen4j.nn;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChannelsLastToFirstTest {
    @Test
    void movesChannelsForwardAndGradientsBack() {
        ChannelsLastToFirst p = new ChannelsLastToFirst(4, 5, 3);
        INDArray hwc = Nd4j.rand(DataType.FLOAT, 2, 4, 5, 3);
        INDArray chw = p.preProcess(hwc, 2, LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new long[]{2, 3, 4, 5}, chw.shape());
        assertEquals(hwc.getFloat(1, 2, 3, 0), chw.getFloat(1, 0, 2, 3));
        assertEquals(hwc.getFloat(0, 3, 4, 2), chw.getFloat(0, 2, 3, 4));
        assertEquals(hwc, p.backprop(chw, 2, LayerWorkspaceMgr.noWorkspaces()));
        assertEquals(p, p.clone());
        assertThrows(Gen4jException.class, () -> p.preProcess(Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5), 2, LayerWorkspaceMgr.noWorkspaces()));
    }
}
