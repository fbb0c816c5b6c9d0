package org.gen4j.viz;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageGridTest {

    @Test
    void laysOutImagesWithTheirPixelValues(@TempDir Path dir) throws Exception {
        INDArray images = Nd4j.zeros(DataType.FLOAT, 5, 1, 2, 3);
        images.putScalar(new long[]{4, 0, 1, 2}, 1.0);          // last image, bottom-right pixel white
        images.putScalar(new long[]{0, 0, 0, 0}, 2.0);          // clipped to white
        BufferedImage picture = ImageGrid.of(images, 3).pixelScale(4).render();
        // 3 columns x 2 rows of 3x2-pixel images at 4x, 2-pixel gaps
        assertEquals(3 * (3 * 4 + 2) + 2, picture.getWidth());
        assertEquals(2 * (2 * 4 + 2) + 2, picture.getHeight());
        int lastLeft = 2 + 1 * (3 * 4 + 2), lastTop = 2 + 1 * (2 * 4 + 2);
        assertEquals(0xFFFFFF, picture.getRGB(lastLeft + 2 * 4 + 3, lastTop + 4 + 3) & 0xFFFFFF);
        assertEquals(0x000000, picture.getRGB(lastLeft, lastTop) & 0xFFFFFF);
        assertEquals(0xFFFFFF, picture.getRGB(2, 2) & 0xFFFFFF);
        Path png = dir.resolve("grid.png");
        ImageGrid.of(images, 3).write(png);
        BufferedImage written = ImageIO.read(png.toFile());
        BufferedImage expected = ImageGrid.of(images, 3).render();
        assertEquals(expected.getWidth(), written.getWidth());
        assertEquals(expected.getRGB(5, 5), written.getRGB(5, 5));
    }

    @Test
    void rejectsWhatIsNotImages() {
        assertThrows(Gen4jException.class, () -> ImageGrid.of(Nd4j.zeros(4, 64), 2));
        assertThrows(Gen4jException.class, () -> ImageGrid.of(Nd4j.zeros(4, 2, 8, 8), 2));
        assertThrows(Gen4jException.class, () -> ImageGrid.of(Nd4j.zeros(4, 1, 8, 8), 0));
    }
}
