package org.gen4j.notebook;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.gen4j.data.Table;
import org.gen4j.viz.Picture;
import org.gen4j.viz.Png;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * How a cell's value shows in a notebook: a gen4j picture (plots, image grids) and images as PNG; an array of rank 0 to 2
 * and a data table as an HTML table of at most {@value #MAX_ROWS} rows and {@value #MAX_COLUMNS} columns, beside
 * their text form.
 */
final class Displays {
    static final int MAX_ROWS = 20;
    static final int MAX_COLUMNS = 12;

    private Displays() {
    }

    /**
     * A cell's value for Jupyter: pictures and images as PNG with a short text stand-in (their toString would be an
     * object address, which changes every run); everything else through the renderer's registrations.
     */
    static DisplayData render(Renderer renderer, Object value) {
        BufferedImage image = value instanceof Picture picture ? picture.render()
                : value instanceof BufferedImage b ? b : null;
        if (image == null) {
            return renderer.render(value);
        }
        DisplayData data = new DisplayData("[" + (value instanceof Picture ? value.getClass().getSimpleName() : "image") + " "
                + image.getWidth() + " x " + image.getHeight() + "]");
        data.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(Png.bytes(image)));
        return data;
    }

    static void registerAll(Renderer renderer) {
        renderer.createRegistration(INDArray.class).preferring(MIMEType.TEXT_PLAIN, MIMEType.TEXT_HTML)
                .register((array, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> array.toString());
                    if (array.rank() <= 2) {
                        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(matrix(array), null));
                    }
                });
        renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_PLAIN, MIMEType.TEXT_HTML)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.toString());
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> table.describe() + html(matrix(table.features()), table.columns()));
                });
    }

    /** @return the array as rows, at most MAX_ROWS + 1 of them (the extra one says the table goes on) */
    private static double[][] matrix(INDArray array) {
        INDArray m = array.rank() == 2 ? array : array.reshape(1, array.length());
        int rows = (int) Math.min(m.rows(), MAX_ROWS + 1);
        int columns = (int) Math.min(m.columns(), MAX_COLUMNS + 1);
        double[][] out = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[r][c] = m.getDouble(r, c);
            }
        }
        return out;
    }

    private static String html(double[][] rows, List<String> header) {
        StringBuilder html = new StringBuilder("<table>");
        if (header != null) {
            html.append("<tr>");
            header.stream().limit(MAX_COLUMNS).forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
            html.append(header.size() > MAX_COLUMNS ? "<th>…</th>" : "").append("</tr>");
        }
        for (int r = 0; r < rows.length; r++) {
            html.append("<tr>");
            for (int c = 0; c < rows[r].length; c++) {
                boolean cut = r == MAX_ROWS || c == MAX_COLUMNS;
                html.append("<td>").append(cut ? "…" : String.format(Locale.ROOT, "%.6g", rows[r][c])).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
