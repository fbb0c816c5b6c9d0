package org.gen4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** gen4j keeps images channels-first, {@code [n, c, h, w]}; Keras networks draw and read them channels-last. */
public final class ImageLayouts {
    private ImageLayouts() {
    }

    /** Images {@code [n, c, h, w]} as rows of their values in {@code [h, w, c]} order. */
    public static INDArray channelsLastRows(INDArray images) {
        return images.permute(0, 2, 3, 1).dup('c').reshape('c', images.size(0), images.length() / images.size(0));
    }
}
