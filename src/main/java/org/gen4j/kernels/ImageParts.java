package org.gen4j.kernels;

import java.util.stream.IntStream;

/**
 * A batch of images split into two halves that run on two threads (one part below 8 images, where a hand-off costs
 * more than it saves). The split depends only on the batch size, so results never depend on thread timing.
 */
final class ImageParts {
    private ImageParts() {
    }

    interface Part {
        /** Images {@code [from, end)}, part number {@code part} of {@link #count}. */
        void run(int part, int from, int end);
    }

    static int count(long examples) {
        return examples >= 8 ? 2 : 1;
    }

    static void forEach(long examples, Part pass) {
        int parts = count(examples), n = (int) examples;
        IntStream.range(0, parts).parallel().forEach(part -> pass.run(part, n * part / parts, n * (part + 1) / parts));
    }
}
