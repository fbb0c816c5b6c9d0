package org.gen4j.cli;

import org.gen4j.eval.FrechetDistance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A JVM of its own for {@link LauncherBlasTest}: one Fréchet distance, whose eigenvalues go through LAPACK. */
public final class LapackProbe {
    private LapackProbe() {
    }

    public static void main(String[] args) {
        Nd4j.getRandom().setSeed(1);
        double distance = FrechetDistance.of(Nd4j.rand(DataType.DOUBLE, 50, 4), Nd4j.rand(DataType.DOUBLE, 50, 4).addi(1));
        System.out.println("frechet " + distance);
    }
}
