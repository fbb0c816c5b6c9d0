package org.gen4j.gan;

import java.util.Arrays;

/**
 * What GAN training did so far: per epoch the mean discriminator (critic) loss, the mean generator loss, an optional
 * quality metric the caller measured after the epoch (e.g. a Fréchet distance; NaN when not measured) and the
 * seconds it took; and the iteration count the next epoch continues from.
 */
public record GanHistory(long iterations, double[] discriminatorLoss, double[] generatorLoss, double[] metric, double[] seconds) {

    public static final GanHistory EMPTY = new GanHistory(0, new double[0], new double[0], new double[0], new double[0]);

    public GanHistory {
        discriminatorLoss = discriminatorLoss.clone();
        generatorLoss = generatorLoss.clone();
        metric = metric.clone();
        seconds = seconds.clone();
        int n = discriminatorLoss.length;
        if (generatorLoss.length != n || metric.length != n || seconds.length != n) {
            throw new IllegalArgumentException("history columns differ in length");
        }
    }

    public int epochs() {
        return discriminatorLoss.length;
    }

    /** This history with one more epoch: the mean discriminator and generator losses and its seconds (no metric yet). */
    public GanHistory plus(long iterationsNow, double d, double g, double seconds) {
        return new GanHistory(iterationsNow, append(discriminatorLoss, d), append(generatorLoss, g), append(metric, Double.NaN),
                append(this.seconds, seconds));
    }

    /** This history with the last epoch's metric set. */
    public GanHistory withLastMetric(double value) {
        double[] m = metric.clone();
        m[m.length - 1] = value;
        return new GanHistory(iterations, discriminatorLoss, generatorLoss, m, seconds);
    }

    /** The last epoch's metric, NaN when none was measured. */
    public double lastMetric() {
        return metric.length == 0 ? Double.NaN : metric[metric.length - 1];
    }

    private static double[] append(double[] values, double value) {
        double[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }

    @Override
    public double[] discriminatorLoss() {
        return discriminatorLoss.clone();
    }

    @Override
    public double[] generatorLoss() {
        return generatorLoss.clone();
    }

    @Override
    public double[] metric() {
        return metric.clone();
    }

    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GanHistory h && iterations == h.iterations && Arrays.equals(discriminatorLoss, h.discriminatorLoss)
                && Arrays.equals(generatorLoss, h.generatorLoss) && Arrays.equals(metric, h.metric);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(discriminatorLoss) * 31 + Long.hashCode(iterations);
    }

    @Override
    public String toString() {
        if (epochs() == 0) {
            return "untrained";
        }
        int last = epochs() - 1;
        return epochs() + " epochs, D loss " + String.format("%.4f", discriminatorLoss[last]) + ", G loss "
                + String.format("%.4f", generatorLoss[last]) + (Double.isNaN(metric[last]) ? "" : ", metric " + String.format("%.4f", metric[last]));
    }
}
