package org.gen4j.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.gen4j.kernels.ElementwiseKernels;

/**
 * The SIMD code behind {@link ElementwiseKernels}: element-by-element passes over chunks of float64 values on the
 * heap (float32 arrays are widened on the way in and rounded once on the way out). Every chunk is a whole number
 * of vectors, the unused lanes of the last one zero, so a value's bits never depend on where it sits in the array.
 * Loaded only when {@link org.gen4j.kernels.SimdKernels#available()}.
 */
public final class VectorElementwise {
    static final VectorSpecies<Double> DOUBLES = VectorExpLog.SPECIES;
    /** Floats with as many lanes as {@link #DOUBLES}: one widening conversion per vector. */
    static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    /** The widest float vectors, for float32 passes that need no float64 arithmetic. */
    static final VectorSpecies<Float> FLOAT_LANES = FloatVector.SPECIES_PREFERRED;
    static final int CHUNK = 2048;

    private VectorElementwise() {
    }

    /** e ← exp(−|l|) for the first {@code n} values (n a multiple of the lanes). */
    static void expOfMinusAbs(double[] logits, double[] e, int n) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            VectorExpLog.exp(DoubleVector.fromArray(DOUBLES, logits, i).abs().neg()).intoArray(e, i);
        }
    }

    /** t ← ln(1 + e) for e in [0, 1]. A loop of its own: with more around it the JIT stops inlining vector code. */
    static void logOfOnePlus(double[] e, double[] t, int n) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            VectorExpLog.log1pOfFraction(DoubleVector.fromArray(DOUBLES, e, i)).intoArray(t, i);
        }
    }

    /** loss ← softplus(l) − x l = max(l, 0) + ln(1 + e) − x l, given t = ln(1 + e), e = exp(−|l|). */
    static void bernoulliLoss(double[] x, double[] logits, double[] t, double[] loss, int n) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            DoubleVector l = DoubleVector.fromArray(DOUBLES, logits, i);
            l.max(0.0).add(DoubleVector.fromArray(DOUBLES, t, i)).sub(DoubleVector.fromArray(DOUBLES, x, i).mul(l)).intoArray(loss, i);
        }
    }

    /** gradient ← σ(l) − x, σ(l) = 1 / (1 + e) for l ≥ 0 and e / (1 + e) below, with e = exp(−|l|). */
    static void bernoulliGradient(double[] x, double[] logits, double[] e, double[] gradient, int n) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            DoubleVector ev = DoubleVector.fromArray(DOUBLES, e, i);
            DoubleVector onePlus = ev.add(1.0);
            VectorMask<Double> nonNegative = DoubleVector.fromArray(DOUBLES, logits, i).compare(VectorOperators.GE, 0.0);
            DoubleVector sigmoid = ev.div(onePlus).blend(DoubleVector.broadcast(DOUBLES, 1.0).div(onePlus), nonNegative);
            sigmoid.sub(DoubleVector.fromArray(DOUBLES, x, i)).intoArray(gradient, i);
        }
    }

    /** out ← ε where z > 0, slope ε elsewhere (also where z is NaN). */
    static void wherePositive(double[] z, double[] epsilon, double slope, double[] out, int n) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            DoubleVector eps = DoubleVector.fromArray(DOUBLES, epsilon, i);
            VectorMask<Double> positive = DoubleVector.fromArray(DOUBLES, z, i).compare(VectorOperators.GT, 0.0);
            eps.mul(slope).blend(eps, positive).intoArray(out, i);
        }
    }

    /** {@link #wherePositive(double[], double[], double, double[], int)} in float32 lanes (n a multiple of them). */
    static void wherePositive(float[] z, float[] epsilon, float slope, float[] out, int n) {
        for (int i = 0; i < n; i += FLOAT_LANES.length()) {
            FloatVector eps = FloatVector.fromArray(FLOAT_LANES, epsilon, i);
            VectorMask<Float> positive = FloatVector.fromArray(FLOAT_LANES, z, i).compare(VectorOperators.GT, 0f);
            eps.mul(slope).blend(eps, positive).intoArray(out, i);
        }
    }

    /**
     * One Adam step for n values (n a multiple of the float lanes) on the gradient g / divisor (DL4J's division by
     * the minibatch, folded in; 1 for none): m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g²,
     * g ← α m / (√v + ε), and the parameters p ← p − g when p is given (null: the caller subtracts). In float32,
     * as libnd4j's {@code adam_updater} computes it for float32 networks.
     */
    static void adam(float[] g, float divisor, float[] m, float[] v, float beta1, float beta2, float epsilon, float alpha, float[] p, int n) {
        float oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i += FLOAT_LANES.length()) {
            FloatVector gradient = FloatVector.fromArray(FLOAT_LANES, g, i);
            if (divisor != 1) {
                gradient = gradient.div(divisor);
            }
            FloatVector mean = FloatVector.fromArray(FLOAT_LANES, m, i).mul(beta1).add(gradient.mul(oneMinusBeta1));
            FloatVector square = FloatVector.fromArray(FLOAT_LANES, v, i).mul(beta2).add(gradient.mul(gradient).mul(oneMinusBeta2));
            mean.intoArray(m, i);
            square.intoArray(v, i);
            FloatVector step = mean.mul(alpha).div(square.sqrt().add(epsilon));
            step.intoArray(g, i);
            if (p != null) {
                FloatVector.fromArray(FLOAT_LANES, p, i).sub(step).intoArray(p, i);
            }
        }
    }

    /** {@link #adam(float[], float, float[], float[], float, float, float, float, float[], int)} in float64. */
    static void adam(double[] g, double divisor, double[] m, double[] v, double beta1, double beta2, double epsilon, double alpha,
                     double[] p, int n) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            DoubleVector gradient = DoubleVector.fromArray(DOUBLES, g, i);
            if (divisor != 1) {
                gradient = gradient.div(divisor);
            }
            DoubleVector mean = DoubleVector.fromArray(DOUBLES, m, i).mul(beta1).add(gradient.mul(1 - beta1));
            DoubleVector square = DoubleVector.fromArray(DOUBLES, v, i).mul(beta2).add(gradient.mul(gradient).mul(1 - beta2));
            mean.intoArray(m, i);
            square.intoArray(v, i);
            DoubleVector step = mean.mul(alpha).div(square.sqrt().add(epsilon));
            step.intoArray(g, i);
            if (p != null) {
                DoubleVector.fromArray(DOUBLES, p, i).sub(step).intoArray(p, i);
            }
        }
    }

    /**
     * out[i] ← p[i] P + q[i] Q + R for from <= i < to (q may be null: no second term), products first and
     * then added left to right, in the vector lanes and in the scalar tail alike (so the same bits either way).
     */
    static void affine(double[] p, double pScale, double[] q, double qScale, double shift, double[] out, int from, int to) {
        int i = from;
        for (; i + DOUBLES.length() <= to; i += DOUBLES.length()) {
            DoubleVector v = DoubleVector.fromArray(DOUBLES, p, i).mul(pScale);
            if (q != null) {
                v = v.add(DoubleVector.fromArray(DOUBLES, q, i).mul(qScale));
            }
            v.add(shift).intoArray(out, i);
        }
        for (; i < to; i++) {
            double v = p[i] * pScale;
            if (q != null) {
                v = v + q[i] * qScale;
            }
            out[i] = v + shift;
        }
    }

    /**
     * {Σ a[i], Σ a[i] b[i]} over from <= i < to (b may be null: the second is 0), lane sums added in lane order
     * and then the tail, so the result does not depend on the JIT.
     */
    static double[] sums(double[] a, double[] b, int from, int to, double[] lanes) {
        DoubleVector sum = DoubleVector.zero(DOUBLES), products = DoubleVector.zero(DOUBLES);
        int i = from;
        for (; i + DOUBLES.length() <= to; i += DOUBLES.length()) {
            DoubleVector v = DoubleVector.fromArray(DOUBLES, a, i);
            sum = sum.add(v);
            if (b != null) {
                products = products.add(v.mul(DoubleVector.fromArray(DOUBLES, b, i)));
            }
        }
        double total = inLaneOrder(sum, lanes), totalProducts = inLaneOrder(products, lanes);
        for (; i < to; i++) {
            total += a[i];
            if (b != null) {
                totalProducts += a[i] * b[i];
            }
        }
        return new double[]{total, totalProducts};
    }

    private static double inLaneOrder(DoubleVector v, double[] lanes) {
        v.intoArray(lanes, 0);
        double total = 0;
        for (int lane = 0; lane < DOUBLES.length(); lane++) {
            total += lanes[lane];
        }
        return total;
    }

    /**
     * pre[i] ← z[i] + bias[biasFrom + i − from] and post[i] ← pre[i] where it is above 0, slope · pre[i] elsewhere,
     * for from <= i < to (slope 1: no activation), the same in vector lanes and scalar tail.
     */
    static void biasAndRectifier(double[] z, int from, int to, double[] bias, int biasFrom, double slope, double[] pre, double[] post) {
        int i = from, shift = biasFrom - from;
        for (; i + DOUBLES.length() <= to; i += DOUBLES.length()) {
            DoubleVector v = DoubleVector.fromArray(DOUBLES, z, i).add(DoubleVector.fromArray(DOUBLES, bias, i + shift));
            v.intoArray(pre, i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(post, i);
        }
        for (; i < to; i++) {
            double v = z[i] + bias[i + shift];
            pre[i] = v;
            post[i] = v > 0 ? v : v * slope;
        }
    }

    /** {@link #biasAndRectifier(double[], int, int, double[], int, double, double[], double[])} in float32 lanes. */
    static void biasAndRectifier(float[] z, int from, int to, float[] bias, int biasFrom, float slope, float[] pre, float[] post) {
        int i = from, shift = biasFrom - from;
        for (; i + FLOAT_LANES.length() <= to; i += FLOAT_LANES.length()) {
            FloatVector v = FloatVector.fromArray(FLOAT_LANES, z, i).add(FloatVector.fromArray(FLOAT_LANES, bias, i + shift));
            v.intoArray(pre, i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(post, i);
        }
        for (; i < to; i++) {
            float v = z[i] + bias[i + shift];
            pre[i] = v;
            post[i] = v > 0 ? v : v * slope;
        }
    }

    /**
     * out[i] ← p[i] P[j] + q[i] Q[j] + R[j] with j = columnFrom + i − from, for from <= i < to: {@link #affine} with
     * one scale and shift per column of a row (q and Q may be null).
     */
    static void columnAffine(double[] p, double[] pScale, double[] q, double[] qScale, double[] shift, int columnFrom,
                             double[] out, int from, int to) {
        int i = from, j = columnFrom;
        for (; i + DOUBLES.length() <= to; i += DOUBLES.length(), j += DOUBLES.length()) {
            DoubleVector v = DoubleVector.fromArray(DOUBLES, p, i).mul(DoubleVector.fromArray(DOUBLES, pScale, j));
            if (q != null) {
                v = v.add(DoubleVector.fromArray(DOUBLES, q, i).mul(DoubleVector.fromArray(DOUBLES, qScale, j)));
            }
            v.add(DoubleVector.fromArray(DOUBLES, shift, j)).intoArray(out, i);
        }
        for (; i < to; i++, j++) {
            double v = p[i] * pScale[j];
            if (q != null) {
                v = v + q[i] * qScale[j];
            }
            out[i] = v + shift[j];
        }
    }

    /** sums[j] += a[i] and products[j] += a[i] b[i] (b may be null) with j = columnFrom + i − from, from <= i < to. */
    static void columnSums(double[] a, double[] b, double[] sums, double[] products, int columnFrom, int from, int to) {
        int i = from, j = columnFrom;
        for (; i + DOUBLES.length() <= to; i += DOUBLES.length(), j += DOUBLES.length()) {
            DoubleVector v = DoubleVector.fromArray(DOUBLES, a, i);
            v.add(DoubleVector.fromArray(DOUBLES, sums, j)).intoArray(sums, j);
            if (b != null) {
                v.mul(DoubleVector.fromArray(DOUBLES, b, i)).add(DoubleVector.fromArray(DOUBLES, products, j)).intoArray(products, j);
            }
        }
        for (; i < to; i++, j++) {
            sums[j] += a[i];
            if (b != null) {
                products[j] += a[i] * b[i];
            }
        }
    }

    /** to[i] ← from[i] for i < n (n a multiple of the lanes). */
    static void widen(float[] from, double[] to, int n) {
        for (int i = 0; i < n; i += FLOATS.length()) {
            ((DoubleVector) FloatVector.fromArray(FLOATS, from, i).convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(to, i);
        }
    }

    /** to[i] ← from[i] rounded to float, for i < n (n a multiple of the lanes). */
    static void narrow(double[] from, float[] to, int n) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            ((FloatVector) DoubleVector.fromArray(DOUBLES, from, i).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(to, i);
        }
    }

    /** The count rounded up to whole vectors. */
    public static int wholeVectors(int count) {
        int lanes = DOUBLES.length();
        return (count + lanes - 1) / lanes * lanes;
    }
}
