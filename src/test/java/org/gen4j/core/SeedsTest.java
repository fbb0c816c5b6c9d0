package org.gen4j.core;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SeedsTest {

    @Test
    void everySeedIncludingZeroRepeatsItsNumbers() {
        for (long seed : new long[]{0, 1, -1, 42, Long.MAX_VALUE}) {
            assertEquals(Nd4j.randn(Nd4j.create(DataType.DOUBLE, 5), Seeds.nativeRandom(seed)),
                    Nd4j.randn(Nd4j.create(DataType.DOUBLE, 5), Seeds.nativeRandom(seed)), "seed " + seed);
        }
        assertNotEquals(Nd4j.randn(Nd4j.create(DataType.DOUBLE, 5), Seeds.nativeRandom(0)),
                Nd4j.randn(Nd4j.create(DataType.DOUBLE, 5), Seeds.nativeRandom(1)));
    }
}
