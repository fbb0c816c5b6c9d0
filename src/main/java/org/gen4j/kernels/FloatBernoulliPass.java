package org.gen4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.gen4j.kernels.VectorElementwise;

/**
 * The Bernoulli loss on logits and its gradient for float32 networks, in float32 lanes (twice as many per vector as
 * {@link VectorElementwise}'s float64 path, with no widening): {@code e = exp(−|l|)} by a degree-6 polynomial after
 * Cody–Waite reduction, {@code ln(1 + e) = 2 atanh(e / (2 + e))} by its series to s¹³, both within about 2 ulp of
 * float32, which is what the network's activations hold anyway. The decoder's output (a VAE's [128, 784]) is the
 * largest element-by-element pass of a step.
 */
final class FloatBernoulliPass {
    static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2_E = 1.44269504f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;   // ln 2 = hi + lo, hi exact in 9 bits
    private static final float SMALLEST = -87.0f;
    private static final float ROUNDER = 12582912f;                               // 1.5 * 2^23: adding it rounds to an integer
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);                                 // exp(-87) is still a normal float
    private static final float[] EXP = {1 / 720f, 1 / 120f, 1 / 24f, 1 / 6f, 0.5f, 1f, 1f};   // Horner, highest first
    private static final float[] ATANH = {1 / 13f, 1 / 11f, 1 / 9f, 1 / 7f, 1 / 5f, 1 / 3f, 1f};

    private FloatBernoulliPass() {
    }

    /**
     * gradient ← σ(l) − x and loss ← softplus(l) − x l for the first n values (n a multiple of the lanes).
     *
     * @param x targets in [0, 1] @param logits l @param gradient written @param loss written
     */
    static void lossAndGradient(float[] x, float[] logits, float[] gradient, float[] loss, int n) {
        for (int i = 0; i < n; i += LANES.length()) {
            FloatVector l = FloatVector.fromArray(LANES, logits, i), target = FloatVector.fromArray(LANES, x, i);
            FloatVector e = expOfNonPositive(l.abs().neg());
            FloatVector onePlus = e.add(1f);
            VectorMask<Float> nonNegative = l.compare(VectorOperators.GE, 0f);
            FloatVector sigmoid = e.div(onePlus).blend(FloatVector.broadcast(LANES, 1f).div(onePlus), nonNegative);
            sigmoid.sub(target).intoArray(gradient, i);
            l.max(0f).add(logOfOnePlus(e)).sub(target.mul(l)).intoArray(loss, i);
        }
    }

    /** Σ values[from, to) accumulated in float64. */
    static double sum(float[] values, int from, int to) {
        double total = 0;
        int i = from;
        for (; i + LANES.length() <= to; i += LANES.length()) {
            total += FloatVector.fromArray(LANES, values, i).reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            total += values[i];
        }
        return total;
    }

    /** e^x for x ≤ 0 (NaN stays NaN; below −87 the result is e^−87, about 1.6e−38, where 0 would do as well). */
    static FloatVector expOfNonPositive(FloatVector x) {
        FloatVector clamped = x.max(SMALLEST);
        FloatVector rounded = clamped.fma(FloatVector.broadcast(LANES, LOG2_E), FloatVector.broadcast(LANES, ROUNDER));
        FloatVector k = rounded.sub(ROUNDER);                                       // round(x / ln 2)
        FloatVector r = k.fma(FloatVector.broadcast(LANES, -LN2_LO), k.fma(FloatVector.broadcast(LANES, -LN2_HI), clamped));
        FloatVector series = FloatVector.broadcast(LANES, EXP[0]);
        for (int j = 1; j < EXP.length; j++) {
            series = series.fma(r, FloatVector.broadcast(LANES, EXP[j]));
        }
        // k sits in the low bits of the rounded value's mantissa: 2^k from integer lanes, no float-to-int conversion
        // (which the vector API of JDK 17 runs element by element)
        IntVector exponent = rounded.reinterpretAsInts().sub(ROUNDER_BITS).add(127).lanewise(VectorOperators.LSHL, 23);
        return series.mul(exponent.reinterpretAsFloats());
    }

    /** ln(1 + e) for e in [0, 1]. */
    static FloatVector logOfOnePlus(FloatVector e) {
        FloatVector s = e.div(e.add(2f)), s2 = s.mul(s);
        FloatVector series = FloatVector.broadcast(LANES, ATANH[0]);
        for (int j = 1; j < ATANH.length; j++) {
            series = series.fma(s2, FloatVector.broadcast(LANES, ATANH[j]));
        }
        return series.mul(s).mul(2f);
    }
}
