package org.gen4j.viz;

import org.gen4j.core.AtomicFiles;
import org.gen4j.core.Gen4jException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** PNG encoding for every picture gen4j draws: bytes for notebooks, files written atomically. */
public final class Png {
    private Png() {
    }

    public static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new Gen4jException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new Gen4jException("cannot encode PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Writes the picture to {@code path} through a temporary file, so a crash never leaves half a PNG. */
    public static void write(BufferedImage image, Path path) {
        byte[] png = bytes(image);
        AtomicFiles.write(path, out -> out.write(png));
    }
}
