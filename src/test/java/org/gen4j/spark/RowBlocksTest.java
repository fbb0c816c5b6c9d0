package org.gen4j.spark;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a partition's rows are sampled for initialisation, and how the driver trims the draw to the size asked. */
class RowBlocksTest {

    @Test
    void aUniformSubsetKeepsExactlyTheCountAskedAndEveryItemEquallyOften() {
        int total = 10;
        int keep = 3;
        int[] chosen = new int[total];
        int seeds = 30_000;
        for (long seed = 0; seed < seeds; seed++) {
            boolean[] kept = RowBlocks.uniformSubset(total, keep, seed);
            int count = 0;
            for (int i = 0; i < total; i++) {
                if (kept[i]) {
                    chosen[i]++;
                    count++;
                }
            }
            assertEquals(keep, count);
        }
        for (int i = 0; i < total; i++) {
            // each item is kept with probability 3/10: 9,000 of 30,000, standard deviation ~79
            assertEquals(0.3, chosen[i] / (double) seeds, 0.015, "item " + i + " of " + Arrays.toString(chosen));
        }
        assertArrayEquals(RowBlocks.uniformSubset(1000, 100, 7), RowBlocks.uniformSubset(1000, 100, 7), "the same seed, the same subset");
    }

    @Test
    void aPartitionKeepsEveryRowAtFractionOneAndAboutTheFractionBelow() {
        int width = 2;
        double[] block = new double[1000 * width];
        for (int i = 0; i < block.length; i++) {
            block[i] = i;
        }
        double[] all = RowBlocks.sampled(List.of(block, block).iterator(), width, 1.0, 3, 0).next();
        assertEquals(2 * block.length, all.length);
        double[] some = RowBlocks.sampled(List.of(block, block).iterator(), width, 0.25, 3, 0).next();
        int rows = some.length / width;
        assertTrue(rows > 400 && rows < 600, rows + " rows of 2,000 at a quarter");
        assertArrayEquals(some, RowBlocks.sampled(List.of(block, block).iterator(), width, 0.25, 3, 0).next());
        assertFalse(Arrays.equals(some, RowBlocks.sampled(List.of(block, block).iterator(), width, 0.25, 3, 1).next()),
                "another partition draws other rows");
    }
}
