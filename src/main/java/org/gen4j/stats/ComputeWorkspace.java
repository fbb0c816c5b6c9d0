package org.gen4j.stats;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J workspace each iteration of an iterative algorithm (EM, Baum–Welch) runs in. Every iteration allocates the same temporaries; after the first
 * one the workspace has learned their size and hands out memory from one block instead of allocating (and
 * page-faulting) fresh native buffers, which in ND4J 1.0.0-M2.1 costs more than the arithmetic itself.
 */
public final class ComputeWorkspace {
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private ComputeWorkspace() {
    }

    /** Opens (and on later calls reuses) the workspace of the given name on this thread. */
    public static MemoryWorkspace open(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }
}
