package org.gen4j.vae;

import java.util.Arrays;

/**
 * What training did so far: per epoch the mean training loss (negative ELBO with the β of that epoch), the held-out
 * ELBO (NaN without held-out data), the β used at the epoch's end and the seconds it took; and the iteration
 * count the next epoch continues from.
 */
public record VaeHistory(long iterations, double[] trainLoss, double[] testElbo, double[] beta, double[] seconds) {

    public static final VaeHistory EMPTY = new VaeHistory(0, new double[0], new double[0], new double[0], new double[0]);

    public VaeHistory {
        trainLoss = trainLoss.clone();
        testElbo = testElbo.clone();
        beta = beta.clone();
        seconds = seconds.clone();
        if (testElbo.length != trainLoss.length || beta.length != trainLoss.length || seconds.length != trainLoss.length) {
            throw new IllegalArgumentException("history columns differ in length");
        }
    }

    public int epochs() {
        return trainLoss.length;
    }

    /** This history with one more epoch. */
    public VaeHistory plus(long iterations, double loss, double elbo, double epochBeta, double epochSeconds) {
        return new VaeHistory(iterations, append(trainLoss, loss), append(testElbo, elbo), append(beta, epochBeta), append(seconds, epochSeconds));
    }

    private static double[] append(double[] values, double value) {
        double[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }

    @Override
    public double[] trainLoss() {
        return trainLoss.clone();
    }

    @Override
    public double[] testElbo() {
        return testElbo.clone();
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaeHistory h && iterations == h.iterations && Arrays.equals(trainLoss, h.trainLoss)
                && Arrays.equals(testElbo, h.testElbo) && Arrays.equals(beta, h.beta);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(trainLoss) * 31 + Long.hashCode(iterations);
    }

    @Override
    public String toString() {
        if (epochs() == 0) {
            return "untrained";
        }
        int last = epochs() - 1;
        return epochs() + " epochs, train loss " + String.format("%.3f", trainLoss[last])
                + (Double.isNaN(testElbo[last]) ? "" : ", test ELBO " + String.format("%.3f", testElbo[last]));
    }
}
