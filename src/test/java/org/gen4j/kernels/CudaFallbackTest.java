package org.gen4j.kernels;

import org.gen4j.cli.Gen4j;
import org.gen4j.data.Datasets;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build with both backends ({@code mvn -Pcuda,cpu test -Dtest=CudaFallbackTest}, run by benchmarks/gpu/run.sh):
 * without a usable GPU ND4J falls back to the CPU, gen4j fences it as usual and {@code gen4j info} says so; with one,
 * info names CUDA. Skipped in CPU-only builds.
 */
@EnabledIf("cudaBackendOnTheClassPath")
class CudaFallbackTest {

    static boolean cudaBackendOnTheClassPath() {
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, CudaFallbackTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void infoNamesTheBackendInUseAndTheCpuFallBackIsFenced() {
        StringWriter out = new StringWriter();
        assertEquals(0, Gen4j.execute(new String[]{"info"}, new PrintWriter(out), new PrintWriter(new StringWriter())));
        String backendLine = out.toString().lines().filter(l -> l.startsWith("backend")).findFirst().orElseThrow();
        boolean onCpu = Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend");
        if (onCpu) {
            assertTrue(backendLine.contains("fell back to the CPU"), backendLine);
            assertTrue(NativeRuntime.install() && NativeRuntime.fenced(), "the fall-back CPU backend runs fenced");
        } else {
            assertTrue(backendLine.contains("CUDA"), backendLine);
        }
        GaussianMixture gmm = GaussianMixtureTrainer.builder().components(2).seed(0).build().fit(Datasets.load("faithful"));
        assertEquals(-4.155382, gmm.meanLogProb(Datasets.load("faithful").features()), 1e-6, "the README's first fit, on this backend");
    }
}
