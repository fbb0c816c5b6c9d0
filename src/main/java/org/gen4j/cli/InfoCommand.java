package org.gen4j.cli;

import org.gen4j.core.Gen4jVersion;
import org.gen4j.kernels.NativeRuntime;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** {@code gen4j info}: what gen4j runs on. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the gen4j version, the ND4J backend, BLAS vendor and threads, CPU features and devices.")
final class InfoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        out.println("gen4j        " + Gen4jVersion.current());
        out.println("java         " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        out.println("backend      " + NativeRuntime.backend());
        out.println("libnd4j      " + libnd4jBuild());
        out.println("blas         " + value(env, "blas.vendor") + ", " + value(env, "blas.threads") + " threads, "
                + openBlasBuild());
        out.println("threads      " + value(env, "omp.threads") + " OpenMP, " + Runtime.getRuntime().availableProcessors()
                + " cores, " + waiting());
        out.println("simd         " + NativeRuntime.simd());
        out.println("cpu          " + cpuModel());
        out.println("cpu features " + String.join(" ", cpuFeatures()));
        out.println("devices      " + devices(env));
        out.println("memory       " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB JVM heap max");
        out.println("data types   float64 default for classical models (--dtype float32 to change)");
    }

    private static String libnd4jBuild() {
        try {
            String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            String level = NativeOpsHolder.getInstance().getDeviceNativeOps().isOptimalRequirementsMet()
                    ? "optimal build for this CPU" : "a generic build: the avx2 or avx512 Maven profile is faster here";
            String build = info == null ? "?" : String.join(", ", info.strip().lines().map(String::strip).toList());
            return build + " (" + level + ")";
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Which OpenBLAS ND4J loaded: the system's when the launcher found one (src/main/sh/native-env.sh), or its own. */
    private static String openBlasBuild() {
        if (System.getProperty("org.bytedeco.openblas.load") != null) {
            String preload = System.getenv("LD_PRELOAD");
            String lapacke = preload != null && preload.contains("liblapacke") ? ", LAPACKE from Debian's liblapacke" : "";
            return "system OpenBLAS " + System.getProperty("gen4j.openblas.path", System.getProperty("org.bytedeco.openblas.load"))
                    + lapacke + " (picks its own kernels; GEN4J_BLAS=bundled for ND4J's)";
        }
        return "ND4J's bundled OpenBLAS 0.3.19, " + openBlasCore();
    }

    /** ND4J's bundled OpenBLAS 0.3.19 misdetects recent AMD CPUs as ancient cores unless told which kernels to use. */
    private static String openBlasCore() {
        String core = System.getenv("OPENBLAS_CORETYPE");
        if (core != null && !core.isBlank()) {
            return "OPENBLAS_CORETYPE=" + core;
        }
        return cpuFeatures().contains("avx2")
                ? "OPENBLAS_CORETYPE unset: set it to Haswell for AVX2 kernels (the gen4j launcher does)"
                : "OPENBLAS_CORETYPE unset";
    }

    /** Spinning OpenMP and OpenBLAS threads take cores from the work that follows them (README, performance). */
    private static String waiting() {
        String omp = System.getenv("OMP_WAIT_POLICY");
        String blas = System.getenv("OPENBLAS_THREAD_TIMEOUT");
        return "OMP_WAIT_POLICY=" + (omp == null ? "unset (PASSIVE is faster)" : omp)
                + ", OPENBLAS_THREAD_TIMEOUT=" + (blas == null ? "unset (20 is faster)" : blas);
    }

    private static String devices(Properties env) {
        Object gpus = env.get("cuda.availableDevices");
        return gpus == null ? "CPU only" : gpus + " CUDA device(s)";
    }

    /** The environment holds numbers as well as strings. */
    private static String value(Properties env, String key) {
        Object value = env.get(key);
        return value == null ? "?" : String.valueOf(value);
    }

    private static String cpuModel() {
        for (String line : cpuinfo()) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return System.getProperty("os.arch");
    }

    private static List<String> cpuFeatures() {
        List<String> wanted = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni");
        List<String> found = new ArrayList<>();
        for (String line : cpuinfo()) {
            if (line.startsWith("flags")) {
                List<String> flags = List.of(line.substring(line.indexOf(':') + 1).strip().split("\\s+"));
                for (String flag : wanted) {
                    if (flags.contains(flag)) {
                        found.add(flag);
                    }
                }
                break;
            }
        }
        return found.isEmpty() ? List.of("unknown") : found;
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
