package org.gen4j.spark;

import org.apache.spark.sql.SparkSession;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.NetworkData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A network's rows read, scaled and split where Spark reads them: scaled as one machine scales them. */
class SparkNetworkRowsTest {
    private static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSessions.open("local[2]", false);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Rows of a constant column, a wide one and a label; {@code rows} of them. */
    private static Path csv(String name, int rows, double shift) throws IOException {
        Random random = new Random(3);
        StringBuilder text = new StringBuilder("a,b,flat,label\n");
        for (int i = 0; i < rows; i++) {
            text.append(shift + random.nextDouble() * 3).append(',').append(Math.abs(100 * random.nextGaussian()) + 7).append(",5,")
                    .append(i % 3).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void bothScalingsEqualOneMachinesAndTheLabelColumnIsLeftOut() throws IOException {
        Path file = csv("rows.csv", 400, 1);
        for (NetworkData.Scale scale : List.of(NetworkData.Scale.STANDARDIZE, NetworkData.Scale.MAX)) {
            SparkNetworkRows rows = SparkNetworkRows.read(SparkSources.read(spark, file.toString()), file.toString(), List.of(),
                    "label", 0, scale, 1.0, 0);
            assertEquals(List.of("a", "b", "flat"), rows.columns());
            double[][] here = NetworkData.load(file.toString(), List.of("a", "b", "flat"), null, 0, scale).data().toDoubleMatrix();
            double[][] spark = rows.train().collectAsList().stream()
                    .map(r -> new double[]{r.getDouble(0), r.getDouble(1), r.getDouble(2)}).toArray(double[][]::new);
            assertEquals(400, spark.length);
            // spread over the session's cores, the rows come back in another order: compare them sorted by column a
            java.util.Comparator<double[]> byA = java.util.Comparator.comparingDouble(r -> r[0]);
            Arrays.sort(here, byA);
            Arrays.sort(spark, byA);
            for (int i = 0; i < spark.length; i++) {
                for (int j = 0; j < 3; j++) {   // one machine scales float32 values: agreement to float precision
                    assertEquals(here[i][j], spark[i][j], 1e-5 * Math.max(1, Math.abs(spark[i][j])), scale + " " + i + "," + j);
                }
            }
        }
    }

    @Test
    void atMostTheCapOfHeldOutRowsComesToTheDriver() throws IOException {
        Path file = csv("many.csv", 24_000, 0);
        SparkNetworkRows rows = SparkNetworkRows.read(SparkSources.read(spark, file.toString()), file.toString(),
                List.of("a", "b"), null, 0, NetworkData.Scale.NONE, 0.5, 7);
        assertTrue(rows.heldOutRows() > SparkNetworkRows.HELD_OUT_ROWS, "about 12,000 held out: " + rows.heldOutRows());
        assertEquals(SparkNetworkRows.HELD_OUT_ROWS, rows.heldOut().rows());
        assertEquals(24_000, rows.train().count() + rows.heldOutRows(), "every row is in one of the two shares");
    }

    @Test
    void negativeValuesUnderMaxScalingAreOneClearError() throws IOException {
        Path file = csv("negative.csv", 50, -5);
        Gen4jException e = assertThrows(Gen4jException.class, () -> SparkNetworkRows.read(SparkSources.read(spark, file.toString()),
                file.toString(), List.of("a"), null, 0, NetworkData.Scale.MAX, 0.9, 0));
        assertTrue(e.getMessage().contains("has negative values"), e.getMessage());
    }
}
