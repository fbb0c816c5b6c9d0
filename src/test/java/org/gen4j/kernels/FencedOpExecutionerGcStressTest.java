package org.gen4j.kernels;

import org.gen4j.kernels.NativeRuntime;
import org.gen4j.testing.GcStress;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ND4J's own operations on temporaries give the same bits under collection once {@link NativeRuntime} has installed
 * the fenced executioner. Without it (ND4J 1.0.0-M2.1's executioner) the broadcast below gave wrong rows in 104 of
 * 3,000 calls and the reshaped one crashed the JVM in the same setting.
 */
class FencedOpExecutionerGcStressTest {
    @Test
    void broadcastsWithTemporaryOperandsKeepTheirBits() {
        assertTrue(NativeRuntime.install(), "the fenced executioner runs");
        Nd4j.getRandom().setSeed(1);
        INDArray base = Nd4j.randn(DataType.DOUBLE, 40_000, 4);
        GcStress.assertSameBitsUnderCollection("subiColumnVector(max)", 200, 600, () -> {
            INDArray a = base.dup('f');
            a.subiColumnVector(a.max(true, 1));                         // the operand is dropped once the call starts
            return a.sum(1).toDoubleVector();
        });
        GcStress.assertSameBitsUnderCollection("subiColumnVector(max reshaped)", 200, 600, () -> {
            INDArray a = base.dup('f');
            INDArray max = a.max(1);
            a.subiColumnVector(max.reshape(max.length(), 1));            // a temporary view of a temporary
            return a.sum(1).toDoubleVector();
        });
    }
}
