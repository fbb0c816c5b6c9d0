package org.gen4j.testing;

/** The bundled digits written as a CSV file's text, for tests of what reads CSV files. */
public final class DigitsCsv {
    private DigitsCsv() {
    }

    /** The bundled digits as a CSV: 64 pixel columns (0..16) and a digit column. */
    public static String text() {
        org.gen4j.data.Table digits = org.gen4j.data.Datasets.load("digits");
        double[][] pixels = digits.features(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        String[] labels = digits.labels().orElseThrow();
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            text.append('p').append(j).append(',');
        }
        text.append("digit\n");
        for (int i = 0; i < pixels.length; i++) {
            for (double v : pixels[i]) {
                text.append((int) v).append(',');
            }
            text.append(labels[i]).append('\n');
        }
        return text.toString();
    }
}
