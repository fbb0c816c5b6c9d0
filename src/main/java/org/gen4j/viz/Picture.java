package org.gen4j.viz;

import java.awt.image.BufferedImage;

/**
 * Anything gen4j draws: a plot or a grid of images that renders to pixels. A notebook shows a picture inline; code
 * writes it as PNG.
 *
 * <pre>{@code
 * Picture plot = LinePlot.of("EM", "iteration").series("log-likelihood", trace);
 * plot.write(Path.of("em.png"));
 * }</pre>
 */
public interface Picture {
    BufferedImage render();

    /** The picture as PNG bytes. */
    default byte[] png() {
        return Png.bytes(render());
    }

    /** Writes the picture as a PNG file (write to a temporary file, then rename). */
    default void write(java.nio.file.Path path) {
        Png.write(render(), path);
    }
}
