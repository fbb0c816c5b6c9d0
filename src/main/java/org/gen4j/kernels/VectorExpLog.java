package org.gen4j.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and log of float64 vectors from IEEE additions, multiplications, fused multiply-adds and bit operations only,
 * within 1 ulp of {@link Math#exp} and 2 ulp of {@link Math#log}. The vector API's own {@code EXP} and {@code LOG}
 * give different last bits when the JIT has compiled a loop (Intel SVML) and before it has (a Java fallback), so
 * the same EM fit could end differently depending on JIT warm-up; these give the same bits either way. Public for
 * gen4j's other kernels (org.gen4j.nn); call it only when {@link SimdKernels#available()}.
 */
public final class VectorExpLog {
    public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final double LOG2_E = 1.4426950408889634;
    // ln 2 in two parts (Cody and Waite): k * LN2_HI is exact for the |k| <= 1075 that occur
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    // adding 1.5 * 2^52 rounds a double of magnitude below 2^51 to an integer held in the low mantissa bits
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** 1/13!, 1/12!, ..., 1/2!, 1, 1: Taylor series of exp(r), |r| <= ln2/2 (next term below 1e-17 relative). */
    private static final double[] EXP_SERIES = taylorOfExp(13);
    private static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
    private static final long EXPONENT_OF_ONE = 0x3FF0_0000_0000_0000L;
    // constants as vectors: a broadcast in the loop adds enough JIT nodes that a caller of log stops inlining
    // (NodeCountInliningCutoff) and its vectors get boxed
    private static final double SQRT2_MINUS_1 = Math.sqrt(2) - 1;
    private static final DoubleVector ZERO = broadcast(0.0), LN2_VECTOR = broadcast(Math.log(2));
    private static final DoubleVector ONE = broadcast(1.0), LN2_HI_VECTOR = broadcast(LN2_HI), LN2_LO_VECTOR = broadcast(LN2_LO);
    private static final DoubleVector ATANH_3 = broadcast(1.0 / 3), ATANH_5 = broadcast(1.0 / 5), ATANH_7 = broadcast(1.0 / 7),
            ATANH_9 = broadcast(1.0 / 9), ATANH_11 = broadcast(1.0 / 11), ATANH_13 = broadcast(1.0 / 13),
            ATANH_15 = broadcast(1.0 / 15), ATANH_17 = broadcast(1.0 / 17), ATANH_19 = broadcast(1.0 / 19),
            ATANH_21 = broadcast(1.0 / 21);

    private VectorExpLog() {
    }

    /** e^x lane by lane; -inf gives 0, NaN gives NaN, subnormal results are kept. */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector clamped = x.max(-746.0).min(710.0);            // beyond these the result is 0 or +inf anyway
        DoubleVector rounded = clamped.fma(LOG2_E, ROUNDER);
        DoubleVector k = rounded.sub(ROUNDER);                       // round(x / ln 2)
        DoubleVector r = k.fma(broadcast(-LN2_LO), k.fma(broadcast(-LN2_HI), clamped));   // x - k ln 2, |r| <= ln2/2
        DoubleVector series = broadcast(EXP_SERIES[0]);
        for (int i = 1; i < EXP_SERIES.length; i++) {
            series = series.fma(r, broadcast(EXP_SERIES[i]));
        }
        // 2^k in two factors, so that k down to -1075 (subnormal results) and up to 1024 (overflow) stay exact
        LongVector power = rounded.reinterpretAsLongs().sub(ROUNDER_BITS);
        LongVector half = power.lanewise(VectorOperators.ASHR, 1);
        return series.mul(powerOfTwo(half)).mul(powerOfTwo(power.sub(half)));
    }

    /** ln x lane by lane for x = 0 (-inf), normal positive x, +inf and NaN; not for subnormal or negative x. */
    public static DoubleVector log(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        // x = m 2^e with m in [sqrt(1/2), sqrt(2))
        DoubleVector m = bits.and(MANTISSA).or(EXPONENT_OF_ONE).reinterpretAsDoubles();       // [1, 2)
        LongVector e = bits.lanewise(VectorOperators.LSHR, 52).sub(1023);
        VectorMask<Double> large = m.compare(VectorOperators.GT, Math.sqrt(2));
        m = m.blend(m.mul(0.5), large);
        DoubleVector exponent = asDouble(e).blend(asDouble(e).add(1.0), large);
        DoubleVector lnM = lnOfMantissa(m);
        DoubleVector result = exponent.fma(LN2_HI_VECTOR, exponent.fma(LN2_LO_VECTOR, lnM));
        result = result.blend(Double.NEGATIVE_INFINITY, x.eq(0.0));
        return result.blend(x, x.compare(VectorOperators.NE, x).or(x.eq(Double.POSITIVE_INFINITY)));   // NaN, +inf
    }

    /** ln m for m in [sqrt(1/2), sqrt(2)); its own method so that {@link #log} stays small enough to inline. */
    private static DoubleVector lnOfMantissa(DoubleVector m) {
        // ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716
        return twiceAtanh(m.sub(1.0).div(m.add(1.0)));
    }

    /**
     * ln(1 + e) for 0 <= e <= 1 (the tail of softplus, e = exp(-|a|)), within ~2 ulp and without log's bit
     * operations: ln(1 + e) = 2 atanh(e / (2 + e)) up to e = sqrt 2 - 1, and ln 2 + 2 atanh((e - 1) / (e + 3))
     * above, so that |s| <= 0.1716 as in {@link #log} and small e lose nothing to rounding 1 + e.
     */
    public static DoubleVector log1pOfFraction(DoubleVector e) {
        VectorMask<Double> upper = e.compare(VectorOperators.GT, SQRT2_MINUS_1);
        DoubleVector s = e.blend(e.sub(1.0), upper).div(e.add(2.0).blend(e.add(3.0), upper));
        return twiceAtanh(s).add(ZERO.blend(LN2_VECTOR, upper));
    }

    /** 2 atanh(s) for |s| <= 0.1716: the odd series to s^21 (next term below 1e-17 relative). */
    private static DoubleVector twiceAtanh(DoubleVector s) {
        DoubleVector z = s.mul(s);
        // written out: the JIT keeps straight-line vector code in registers, a loop's vectors it may box
        DoubleVector series = z.fma(ATANH_21, ATANH_19);
        series = series.fma(z, ATANH_17);
        series = series.fma(z, ATANH_15);
        series = series.fma(z, ATANH_13);
        series = series.fma(z, ATANH_11);
        series = series.fma(z, ATANH_9);
        series = series.fma(z, ATANH_7);
        series = series.fma(z, ATANH_5);
        series = series.fma(z, ATANH_3);
        series = series.fma(z, ONE);
        return s.add(s).mul(series);
    }

    private static DoubleVector broadcast(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }

    /** 2^n for -1022 <= n <= 1023, built from its exponent bits. */
    private static DoubleVector powerOfTwo(LongVector n) {
        return n.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    /** Integers below 2^51 in magnitude as doubles, exactly (the rounding trick backwards: no conversion op). */
    private static DoubleVector asDouble(LongVector integers) {
        return integers.add(ROUNDER_BITS).reinterpretAsDoubles().sub(ROUNDER);
    }

    private static double[] taylorOfExp(int degree) {
        double[] coefficients = new double[degree + 1];             // highest power first, for Horner's rule
        double factorial = 1;
        for (int power = 1; power <= degree; power++) {
            factorial *= power;
            coefficients[degree - power] = 1 / factorial;
        }
        coefficients[degree] = 1;
        return coefficients;
    }
}
