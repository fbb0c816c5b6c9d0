package org.gen4j.bayesnet.structure;

/**
 * log Γ(x) for x &gt; 0 by the Lanczos approximation with g = 7 and nine coefficients (Lanczos 1964; the
 * coefficients as tabulated by Godfrey), accurate to about 15 significant digits; the reflection formula is not
 * needed since counts plus pseudo-counts are positive.
 */
final class LogGamma {
    private static final double G = 7;
    private static final double[] COEFFICIENTS = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private LogGamma() {
    }

    static double of(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("log-gamma needs x > 0, got " + x);
        }
        if (x < 0.5) {
            // Γ(x) = Γ(x + 1) / x keeps the series in its accurate range
            return of(x + 1) - Math.log(x);
        }
        double z = x - 1;
        double series = COEFFICIENTS[0];
        for (int i = 1; i < COEFFICIENTS.length; i++) {
            series += COEFFICIENTS[i] / (z + i);
        }
        double t = z + G + 0.5;
        return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
    }
}
