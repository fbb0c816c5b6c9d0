package org.gen4j.kernels;

import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;

/**
 * Makes ND4J's CPU backend safe to use under garbage collection in this JVM: installs {@code FencedOpExecutioner}
 * as ND4J's executioner. gen4j's entry points (the CLI, the EM kernels, the networks' kernels) call it; a program
 * that uses ND4J before any gen4j class may call it first thing in {@code main}:
 * <pre>{@code
 * NativeRuntime.install();                   // before or after ND4J has started; idempotent
 * }</pre>
 * On a backend other than the CPU one (CUDA) it changes nothing; a build with both backends that falls back to the
 * CPU (no usable GPU) is fenced like a CPU-only one.
 */
public final class NativeRuntime {
    private static final String EXECUTIONER_PROPERTY = "opexec";
    private static final String CPU_EXECUTIONER = "org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner";
    /** By name: the class extends the CPU backend's executioner and is not compiled into a CUDA build (pom.xml). */
    private static final String FENCED_EXECUTIONER = "org.gen4j.kernels.FencedOpExecutioner";
    private static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static volatile boolean installed;

    private NativeRuntime() {
    }

    /** Installs the fenced executioner (once); returns whether ND4J now runs with it. */
    public static synchronized boolean install() {
        if (installed) {
            return true;
        }
        if (!present(CPU_BACKEND) || !present(FENCED_EXECUTIONER)) {
            return false;
        }
        if (present(CUDA_BACKEND)) {
            // both backends: ND4J picks CUDA when a GPU answers; only a fall-back to the CPU is fenced
            if (!Nd4j.getBackend().getClass().getName().equals(CPU_BACKEND)) {
                return false;
            }
        } else if (System.getProperty(EXECUTIONER_PROPERTY) == null) {
            System.setProperty(EXECUTIONER_PROPERTY, FENCED_EXECUTIONER);   // read when ND4J starts
        }
        OpExecutioner current = Nd4j.getExecutioner();
        if (current.getClass().getName().equals(CPU_EXECUTIONER)) {
            replace(fencedExecutioner());                      // ND4J had started already: swap its executioner
        }
        installed = fenced();
        return installed;
    }

    /** Whether ND4J's operations in this JVM run through {@code FencedOpExecutioner}. */
    public static boolean fenced() {
        return Nd4j.getExecutioner().getClass().getName().equals(FENCED_EXECUTIONER);
    }

    /**
     * The backend ND4J runs on, for {@code gen4j info}: and when a CUDA build found no GPU it could use, that it
     * fell back to the CPU.
     */
    public static String backend() {
        String name = Nd4j.getBackend().getClass().getName();
        if (name.equals(CPU_BACKEND) && present(CUDA_BACKEND)) {
            return "CPU (nd4j-native): the CUDA backend is on the class path but found no usable GPU or CUDA driver, so ND4J fell back to the CPU";
        }
        if (name.equals(CUDA_BACKEND)) {
            return "CUDA (nd4j-cuda-11.6)";
        }
        return name.equals(CPU_BACKEND) ? "CPU (nd4j-native)" : Nd4j.getBackend().getClass().getSimpleName();
    }

    /** The SIMD kernels in use and the CPU features they found, for {@code gen4j info}. */
    public static String simd() {
        return SimdKernels.describe();
    }

    private static OpExecutioner fencedExecutioner() {
        try {
            return (OpExecutioner) Class.forName(FENCED_EXECUTIONER).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("gen4j's fenced ND4J executioner is missing from this build", e);
        }
    }

    private static void replace(OpExecutioner executioner) {
        try {
            Field field = Nd4j.class.getDeclaredField("OP_EXECUTIONER_INSTANCE");
            field.setAccessible(true);
            executioner.setProfilingMode(Nd4j.getExecutioner().getProfilingMode());
            field.set(null, executioner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot install gen4j's fenced ND4J executioner (ND4J " + Nd4j.class.getPackage().getImplementationVersion()
                    + "): start the JVM with -D" + EXECUTIONER_PROPERTY + "=" + FENCED_EXECUTIONER, e);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, NativeRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
