package org.gen4j.kernels;

import org.gen4j.kernels.SharedWork;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedWorkTest {

    /** Runs {@code jobs} jobs of {@code blocks} blocks, each block adding its number to its own cell once. */
    private static void assertEveryBlockOnce(int jobs, int blocks) {
        for (int job = 0; job < jobs; job++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(blocks);
            long[] values = new long[blocks];                      // plain writes, read after run returns
            SharedWork.run(blocks, block -> {
                runs.incrementAndGet(block);
                values[block] = block * 3L + 1;
            });
            for (int block = 0; block < blocks; block++) {
                assertEquals(1, runs.get(block), "block " + block + " of job " + job);
                assertEquals(block * 3L + 1, values[block]);
            }
        }
    }

    @Test
    void everyBlockRunsExactlyOnceAndItsWritesAreSeen() {
        assertTrue(SharedWork.threads() >= 1);
        assertEveryBlockOnce(500, 37);
        assertEveryBlockOnce(50, 1);
        assertEveryBlockOnce(5, 0);
    }

    @Test
    void aBlocksFailureReachesTheCallerAndLaterJobsRun() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> SharedWork.run(20, block -> {
            if (block == 13) {
                throw new IllegalStateException("block 13 failed");
            }
        }));
        assertEquals("block 13 failed", thrown.getMessage());
        assertEveryBlockOnce(20, 9);
    }

    @Test
    void aJobStartedInsideABlockRunsOnThatThread() {
        AtomicIntegerArray inner = new AtomicIntegerArray(6 * 5);
        SharedWork.run(6, outer -> SharedWork.run(5, block -> inner.incrementAndGet(outer * 5 + block)));
        for (int i = 0; i < inner.length(); i++) {
            assertEquals(1, inner.get(i));
        }
    }

    @Test
    void callersOnTwoThreadsEachGetAllTheirBlocks() {
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> assertEveryBlockOnce(300, 11));
        assertEveryBlockOnce(300, 13);
        other.join();
    }
}
