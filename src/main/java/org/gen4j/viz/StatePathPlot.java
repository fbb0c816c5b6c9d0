package org.gen4j.viz;

import org.gen4j.core.Gen4jException;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * A series over time with the hidden state of every step as coloured bands behind it: what an HMM's decoded
 * regimes look like.
 *
 * <pre>{@code
 * int[] states = hmm.viterbi(batch).get(0).states();
 * StatePathPlot.of("DAX daily log returns", returns, states).write(Path.of("regimes.png"));
 * }</pre>
 */
public final class StatePathPlot implements Picture {
    private static final Color[] PALETTE = {
            new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52),
            new Color(0x8172B3), new Color(0x937860), new Color(0xDA8BC3), new Color(0x8C8C8C)};
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private final String title;
    private final double[] values;
    private final int[] states;

    private StatePathPlot(String title, double[] values, int[] states) {
        this.title = title;
        this.values = values;
        this.states = states;
    }

    /**
     * @param values the series, one value per step
     * @param states the state of each step (same length)
     */
    public static StatePathPlot of(String title, double[] values, int[] states) {
        if (values.length != states.length || values.length == 0) {
            throw new Gen4jException("a state path plot needs as many states as values (got " + states.length
                    + " and " + values.length + ")");
        }
        return new StatePathPlot(title, values.clone(), states.clone());
    }

    @Override
    public BufferedImage render() {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int stateCount = 0;
        for (int i = 0; i < values.length; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
            stateCount = Math.max(stateCount, states[i] + 1);
        }
        if (max == min) {
            max = min + 1;
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        // bands: one rectangle per run of equal states
        int start = 0;
        for (int i = 1; i <= values.length; i++) {
            if (i == values.length || states[i] != states[start]) {
                Color c = PALETTE[states[start] % PALETTE.length];
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
                int x0 = LEFT + (int) Math.floor((double) start / values.length * plotWidth);
                int x1 = LEFT + (int) Math.ceil((double) i / values.length * plotWidth);
                g.fillRect(x0, TOP, Math.max(1, x1 - x0), plotHeight);
                start = i;
            }
        }
        // the series
        g.setColor(new Color(0x222222));
        g.setStroke(new BasicStroke(1.0f));
        int previousX = -1;
        int previousY = -1;
        for (int i = 0; i < values.length; i++) {
            int x = LEFT + (int) Math.round((i + 0.5) / values.length * plotWidth);
            int y = TOP + (int) Math.round((max - values[i]) / (max - min) * plotHeight);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            previousX = x;
            previousY = y;
        }
        // axes, labels and legend
        g.setColor(Color.DARK_GRAY);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format("%.3g", max), 5, TOP + 10);
        g.drawString(String.format("%.3g", min), 5, TOP + plotHeight);
        g.drawString("0", LEFT, TOP + plotHeight + 16);
        String last = String.valueOf(values.length - 1);
        g.drawString(last, LEFT + plotWidth - g.getFontMetrics().stringWidth(last), TOP + plotHeight + 16);
        g.drawString("step", LEFT + plotWidth / 2 - 12, TOP + plotHeight + 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int legendX = WIDTH - RIGHT - 110 * stateCount;
        for (int s = 0; s < stateCount; s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(legendX + 110 * s, 13, 14, 14);
            g.setColor(Color.DARK_GRAY);
            g.drawString("state " + s, legendX + 110 * s + 20, 25);
        }
        g.dispose();
        return image;
    }
}
