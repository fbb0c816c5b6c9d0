package org.gen4j.viz;

import org.gen4j.core.Gen4jException;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Points in two dimensions coloured by a group (a mixture component, a class), with optional marked centres.
 *
 * <pre>{@code
 * ScatterPlot.of("Old Faithful", "eruptions", "waiting", x, y, gmm.predict(data)).withCentres(cx, cy).write(png);
 * }</pre>
 */
public final class ScatterPlot implements Picture {
    private static final Color[] PALETTE = {
            new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52),
            new Color(0x8172B3), new Color(0x937860), new Color(0xDA8BC3), new Color(0x8C8C8C),
            new Color(0xCCB974), new Color(0x64B5CD)};
    private static final int SIZE = 640;
    private static final int MARGIN = 60;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double[] x;
    private final double[] y;
    private final int[] group;
    private double[] centreX = new double[0];
    private double[] centreY = new double[0];

    private ScatterPlot(String title, String xLabel, String yLabel, double[] x, double[] y, int[] group) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.x = x;
        this.y = y;
        this.group = group;
    }

    public static ScatterPlot of(String title, String xLabel, String yLabel, double[] x, double[] y, int[] group) {
        if (x.length != y.length || x.length != group.length || x.length == 0) {
            throw new Gen4jException("a scatter plot needs as many x, y and groups (got " + x.length + ", " + y.length
                    + ", " + group.length + ")");
        }
        return new ScatterPlot(title, xLabel, yLabel, x.clone(), y.clone(), group.clone());
    }

    /** Marks centres (e.g. component means) with a cross in their group's colour. */
    public ScatterPlot withCentres(double[] cx, double[] cy) {
        this.centreX = cx.clone();
        this.centreY = cy.clone();
        return this;
    }

    @Override
    public BufferedImage render() {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        double[] xr = range(x, centreX);
        double[] yr = range(y, centreY);
        int plot = SIZE - 2 * MARGIN;
        for (int i = 0; i < x.length; i++) {
            g.setColor(PALETTE[group[i] % PALETTE.length]);
            g.fillOval(px(x[i], xr, plot) - 3, py(y[i], yr, plot) - 3, 6, 6);
        }
        g.setStroke(new BasicStroke(3f));
        for (int c = 0; c < centreX.length; c++) {
            int cx = px(centreX[c], xr, plot);
            int cy = py(centreY[c], yr, plot);
            g.setColor(Color.BLACK);
            g.drawLine(cx - 9, cy - 9, cx + 9, cy + 9);
            g.drawLine(cx - 9, cy + 9, cx + 9, cy - 9);
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.DARK_GRAY);
        g.drawRect(MARGIN, MARGIN, plot, plot);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format("%.3g", xr[0]), MARGIN, SIZE - MARGIN + 16);
        g.drawString(String.format("%.3g", xr[1]), SIZE - MARGIN - 30, SIZE - MARGIN + 16);
        g.drawString(String.format("%.3g", yr[0]), 5, SIZE - MARGIN);
        g.drawString(String.format("%.3g", yr[1]), 5, MARGIN + 10);
        g.drawString(xLabel, SIZE / 2 - 20, SIZE - 20);
        g.drawString(yLabel, 5, MARGIN - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, MARGIN, 30);
        g.dispose();
        return image;
    }

    private static double[] range(double[] values, double[] extra) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (double v : extra) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double pad = (max - min) * 0.05 + 1e-12;
        return new double[]{min - pad, max + pad};
    }

    private static int px(double v, double[] r, int plot) {
        return MARGIN + (int) Math.round((v - r[0]) / (r[1] - r[0]) * plot);
    }

    private static int py(double v, double[] r, int plot) {
        return MARGIN + (int) Math.round((r[1] - v) / (r[1] - r[0]) * plot);
    }
}
