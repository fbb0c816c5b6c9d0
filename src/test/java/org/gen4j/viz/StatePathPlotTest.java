package org.gen4j.viz;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatePathPlotTest {

    @Test
    void eachStateRunIsABandOfItsOwnColour(@TempDir Path dir) throws IOException {
        double[] values = new double[100];
        int[] states = new int[100];
        for (int i = 0; i < 100; i++) {
            values[i] = Math.sin(i / 5.0);
            states[i] = i < 50 ? 0 : 1;
        }
        Path file = dir.resolve("path.png");
        StatePathPlot.of("test", values, states).write(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1200, image.getWidth());
        // sample the background near the bottom edge, away from the line, in each half
        int left = image.getRGB(200, 360);
        int right = image.getRGB(1000, 360);
        assertNotEquals(left, right, "two states, two band colours");
        assertEquals(left, image.getRGB(300, 365), "one run, one colour");
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThrows(Gen4jException.class, () -> StatePathPlot.of("x", new double[3], new int[2]));
    }
}
