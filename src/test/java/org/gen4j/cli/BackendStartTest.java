package org.gen4j.cli;

import org.gen4j.kernels.NativeRuntime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Only the CUDA driver probe's trace is dropped from what ND4J prints while starting. */
class BackendStartTest {

    @Test
    void theDriverProbeTraceGoesAndEverythingElseStays() {
        String printed = """
                12:00:01 INFO  starting
                java.lang.UnsatisfiedLinkError: /cache/libjnicudart.so: libcuda.so.1: cannot open shared object file
                \tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)
                \tat org.nd4j.linalg.jcublas.JCublasBackend.canRun(JCublasBackend.java:66)
                Caused by: something deeper
                \t... 12 more
                java.lang.UnsatisfiedLinkError: libfoo.so: not CUDA
                \tat somewhere(Foo.java:1)
                12:00:02 INFO  loaded [CpuBackend]
                """;
        assertEquals("""
                12:00:01 INFO  starting
                java.lang.UnsatisfiedLinkError: libfoo.so: not CUDA
                \tat somewhere(Foo.java:1)
                12:00:02 INFO  loaded [CpuBackend]
                """, BackendStart.withoutDriverProbeTraces(printed));
    }

    @Test
    void aCpuOnlyBuildStartsAsBefore() {
        BackendStart.quietly();
        assertEquals(NativeRuntime.install(), NativeRuntime.fenced());
    }
}
