package org.gen4j.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The eight-mode ring of the GAN tests, wherever a GAN trains. */
public final class Ring {
    private Ring() {
    }

    /** 8 tight Gaussians on a circle of radius 2: the classic mode-collapse test. */
    public static INDArray points(int n, long seed) {
        INDArray x = Nd4j.create(DataType.FLOAT, n, 2);
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * (i % 8) / 8;
            x.putScalar(i, 0, 2 * Math.cos(angle) + 0.05 * random.nextGaussian());
            x.putScalar(i, 1, 2 * Math.sin(angle) + 0.05 * random.nextGaussian());
        }
        return x;
    }

    /** Share of samples near each of the 8 modes, and the share near none. */
    public static double[] modeShares(INDArray samples) {
        double[] shares = new double[9];
        for (int i = 0; i < samples.rows(); i++) {
            double a = Math.atan2(samples.getDouble(i, 1), samples.getDouble(i, 0));
            int k = Math.floorMod((int) Math.round(a / (2 * Math.PI / 8)), 8);
            double dx = samples.getDouble(i, 0) - 2 * Math.cos(2 * Math.PI * k / 8);
            double dy = samples.getDouble(i, 1) - 2 * Math.sin(2 * Math.PI * k / 8);
            shares[Math.hypot(dx, dy) < 0.3 ? k : 8] += 1.0 / samples.rows();
        }
        return shares;
    }
}
