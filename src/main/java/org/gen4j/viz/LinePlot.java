package org.gen4j.viz;

import org.gen4j.core.Gen4jException;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Named series over epochs (or iterations) on one chart, with a legend: loss curves, held-out metrics.
 *
 * <pre>{@code
 * LinePlot.of("dcgan-digits", "epoch").series("discriminator", d).series("generator", g).write(Path.of("losses.png"));
 * }</pre>
 */
public final class LinePlot implements Picture {
    private static final Color[] PALETTE = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52)};
    private static final int WIDTH = 720, HEIGHT = 420, MARGIN = 60;
    private final String title;
    private final String xLabel;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    private LinePlot(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    public static LinePlot of(String title, String xLabel) {
        return new LinePlot(title, xLabel);
    }

    /** Adds a series; point i is drawn at x = i + 1. NaN values leave gaps. */
    public LinePlot series(String name, double[] ys) {
        if (ys.length == 0) {
            throw new Gen4jException("series '" + name + "' is empty");
        }
        names.add(name);
        values.add(ys.clone());
        return this;
    }

    @Override
    public BufferedImage render() {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int points = 1;
        for (double[] ys : values) {
            points = Math.max(points, ys.length);
            for (double y : ys) {
                if (Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        double pad = (max - min) * 0.05 + 1e-12;
        min -= pad;
        max += pad;
        int w = WIDTH - 2 * MARGIN, h = HEIGHT - 2 * MARGIN;
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < values.size(); s++) {
            double[] ys = values.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            for (int i = 1; i < ys.length; i++) {
                if (Double.isFinite(ys[i - 1]) && Double.isFinite(ys[i])) {
                    g.drawLine(x(i - 1, points, w), y(ys[i - 1], min, max, h), x(i, points, w), y(ys[i], min, max, h));
                }
            }
            g.drawString(names.get(s), WIDTH - MARGIN - 150, MARGIN + 16 + 16 * s);
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.DARK_GRAY);
        g.drawRect(MARGIN, MARGIN, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format("%.4g", max), 5, MARGIN + 10);
        g.drawString(String.format("%.4g", min), 5, HEIGHT - MARGIN);
        g.drawString("1", MARGIN, HEIGHT - MARGIN + 16);
        g.drawString(String.valueOf(points), WIDTH - MARGIN - 20, HEIGHT - MARGIN + 16);
        g.drawString(xLabel, WIDTH / 2 - 20, HEIGHT - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, MARGIN, 30);
        g.dispose();
        return image;
    }

    private static int x(int i, int points, int w) {
        return MARGIN + (points == 1 ? 0 : (int) Math.round((double) i / (points - 1) * w));
    }

    private static int y(double v, double min, double max, int h) {
        return MARGIN + h - (int) Math.round((v - min) / (max - min) * h);
    }
}
