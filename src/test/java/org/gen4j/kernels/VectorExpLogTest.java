package org.gen4j.kernels;

import jdk.incubator.vector.DoubleVector;
import org.gen4j.kernels.SimdKernels;
import org.gen4j.kernels.VectorExpLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@EnabledIf("org.gen4j.kernels.SimdKernels#available")
class VectorExpLogTest {

    @Test
    void expIsWithinOneUlpOfMathExpFromUnderflowToOverflow() {
        Random random = new Random(1);
        double[] x = new double[40_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = -750 + random.nextDouble() * 1465;                  // [-750, 715]: zero, subnormal, normal, +inf
        }
        double[] special = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, 0.0, -0.0, -1e-300,
                -708.39, -745.13, -745.14, 709.78, 709.79, 1e-17, -1e-17, 0.5 * Math.log(2), -0.5 * Math.log(2)};
        System.arraycopy(special, 0, x, 0, special.length);
        double[] e = apply(x, true);
        for (int i = 0; i < x.length; i++) {
            assertWithinUlps(Math.exp(x[i]), e[i], 1, "exp(" + x[i] + ")");
        }
    }

    @Test
    void logIsWithinTwoUlpsOfMathLogOverEveryNormalMagnitude() {
        Random random = new Random(2);
        double[] x = new double[40_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(2, -1022 + random.nextDouble() * 2045) ;   // MIN_NORMAL to near MAX_VALUE
        }
        double[] special = {0.0, Double.POSITIVE_INFINITY, Double.NaN, 1.0, Math.nextUp(1.0), Math.nextDown(1.0),
                Math.sqrt(2), Math.nextUp(Math.sqrt(2)), 2.0, 0.5, Double.MIN_NORMAL, Double.MAX_VALUE, 8.0, 3.0};
        System.arraycopy(special, 0, x, 0, special.length);
        double[] l = apply(x, false);
        for (int i = 0; i < x.length; i++) {
            assertWithinUlps(Math.log(x[i]), l[i], 2, "log(" + x[i] + ")");
        }
    }

    @Test
    void interpretedAndCompiledRunsGiveTheSameBits() throws Exception {
        // the reason these exist: the vector API's own EXP differs between the JIT's code and its Java fallback
        long compiled = VectorExpLogProbe.bitsHash(300);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xint", "--add-modules", SimdKernels.MODULE,
                "-cp", System.getProperty("java.class.path"), VectorExpLogProbe.class.getName(), "1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String interpreted = new String(child.getInputStream().readAllBytes()).strip();
        assertEquals(0, child.waitFor());
        assertEquals(String.valueOf(compiled), interpreted);
    }

    private static double[] apply(double[] x, boolean exp) {
        double[] out = new double[x.length];
        int lanes = VectorExpLog.SPECIES.length();
        assertEquals(0, x.length % lanes);
        for (int i = 0; i < x.length; i += lanes) {
            DoubleVector v = DoubleVector.fromArray(VectorExpLog.SPECIES, x, i);
            (exp ? VectorExpLog.exp(v) : VectorExpLog.log(v)).intoArray(out, i);
        }
        return out;
    }

    private static void assertWithinUlps(double expected, double actual, int ulps, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
            assertEquals(expected, actual, what);
            return;
        }
        assertTrue(Math.abs(expected - actual) <= ulps * Math.ulp(expected), what + ": " + actual + " against " + expected);
    }
}
