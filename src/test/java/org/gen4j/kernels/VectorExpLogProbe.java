package org.gen4j.kernels;

import jdk.incubator.vector.DoubleVector;
import org.gen4j.kernels.VectorExpLog;

import java.util.Random;

/** A JVM of its own for {@link VectorExpLogTest}: prints a hash of the raw bits of exp and log over fixed inputs. */
public final class VectorExpLogProbe {
    private VectorExpLogProbe() {
    }

    public static void main(String[] args) {
        System.out.println(bitsHash(Integer.parseInt(args[0])));
    }

    /** Runs the kernels over the same 4,096 inputs {@code repeats} times (enough repeats get them JIT-compiled). */
    static long bitsHash(int repeats) {
        double[] x = inputs();
        long hash = 0;
        for (int r = 0; r < repeats; r++) {
            hash = 0;
            for (int i = 0; i < x.length; i += VectorExpLog.SPECIES.length()) {
                DoubleVector v = DoubleVector.fromArray(VectorExpLog.SPECIES, x, i);
                double[] e = VectorExpLog.exp(v).toArray();
                double[] l = VectorExpLog.log(v.abs().add(1e-300)).toArray();
                for (int j = 0; j < e.length; j++) {
                    hash = 31 * hash + Double.doubleToRawLongBits(e[j]);
                    hash = 31 * hash + Double.doubleToRawLongBits(l[j]);
                }
            }
        }
        return hash;
    }

    private static double[] inputs() {
        Random random = new Random(11);
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (random.nextDouble() - 0.9) * Math.pow(10, random.nextInt(4));
        }
        return x;
    }
}
