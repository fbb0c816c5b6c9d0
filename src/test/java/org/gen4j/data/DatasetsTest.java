package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void bundledDataSetsLoadWithTheirShapesAndNames() {
        Table faithful = Datasets.load("faithful");
        assertEquals(272, faithful.rows());
        assertEquals(List.of("eruptions", "waiting"), faithful.columns());
        assertArrayEquals(new double[]{3.6, 79}, faithful.features().getRow(0).toDoubleVector());

        Table iris = Datasets.load("iris");
        assertEquals(150, iris.rows());
        assertEquals(4, iris.dimensions());
        assertEquals("setosa", iris.labels().orElseThrow()[0]);
        assertEquals("virginica", iris.labels().orElseThrow()[149]);

        Table digits = Datasets.load("digits");
        assertEquals(1797, digits.rows());
        assertEquals(64, digits.dimensions());
        assertEquals("0", digits.labels().orElseThrow()[0]);
        assertEquals(16.0, digits.features().maxNumber().doubleValue());

        Table stocks = Datasets.load("eustockmarkets");
        assertEquals(List.of("DAX", "SMI", "CAC", "FTSE"), stocks.columns());
        assertEquals(1860, stocks.rows());
    }

    @Test
    void columnSelectionAndSplitsAreReproducible() {
        Table waiting = Datasets.load("faithful", List.of("waiting"));
        assertEquals(List.of("waiting"), waiting.columns());
        Table.Split a = Datasets.load("iris").split(0.8, 7);
        Table.Split b = Datasets.load("iris").split(0.8, 7);
        assertEquals(120, a.train().rows());
        assertEquals(30, a.test().rows());
        assertEquals(a.test().features(), b.test().features());
        assertArrayEquals(a.test().labels().orElseThrow(), b.test().labels().orElseThrow());
        INDArray all = Datasets.load("iris").features();
        assertEquals(all.sumNumber().doubleValue(),
                a.train().features().sumNumber().doubleValue() + a.test().features().sumNumber().doubleValue(), 1e-9);
    }

    @Test
    void standardizerCentresAndScalesWithTrainingStatistics() {
        Table faithful = Datasets.load("faithful");
        Standardizer scaler = Standardizer.fit(faithful);
        INDArray z = scaler.transform(faithful.features());
        assertEquals(0, z.mean(0).amaxNumber().doubleValue(), 1e-12);
        assertEquals(1, z.std(false, 0).getDouble(0), 1e-12);
        assertEquals(0, scaler.inverse(z).sub(faithful.features()).amaxNumber().doubleValue(), 1e-9);
    }

    @Test
    void headerAndQuotesAndGzipAreHandled() throws IOException {
        Path file = write("q.csv", "\"a\",\"b\"\n1,2\n3,4\n");
        Table t = new CsvTableReader().read(file);
        assertEquals(List.of("a", "b"), t.columns());
        assertEquals(10.0, t.features().sumNumber().doubleValue());
        Path noHeader = write("n.csv", "1,2\n3,4\n");
        assertEquals(List.of("x0", "x1"), new CsvTableReader().read(noHeader).columns());
    }

    @Test
    void badFilesGiveMessagesNamingRowAndColumn() throws IOException {
        assertMessage(write("empty.csv", ""), "is empty");
        assertMessage(write("header.csv", "a,b\n"), "has a header but no data rows");
        assertMessage(write("text.csv", "a,b\n1,2\n3,x\n"), "non-numeric value 'x' at row 1 (line 3), column 'b'");
        assertMessage(write("nan.csv", "a,b\n1,NaN\n"), "NaN at row 0 (line 2), column 'b'");
        assertMessage(write("inf.csv", "a,b\n1,2\nInfinity,2\n"), "Infinity at row 1 (line 3), column 'a'");
        assertMessage(write("ragged.csv", "a,b\n1,2\n3\n"), "line 3 has 1 cells, expected 2");
        assertMessage(write("gap.csv", "a,b\n1,\n"), "missing value at row 0 (line 2), column 'b'");
        Gen4jException e = assertThrows(Gen4jException.class,
                () -> new CsvTableReader().columns(List.of("c")).read(write("ok.csv", "a,b\n1,2\n")));
        assertTrue(e.getMessage().contains("no column 'c'"), e.getMessage());
        e = assertThrows(Gen4jException.class, () -> Datasets.load("no-such-thing"));
        assertTrue(e.getMessage().contains("bundled: faithful, iris, eustockmarkets, eustock-returns, digits"), e.getMessage());
        e = assertThrows(Gen4jException.class, () -> Datasets.load("iris", List.of("Sepal.Length", "Species")));
        assertTrue(e.getMessage().contains("no column 'Species'") || e.getMessage().contains("non-numeric"), e.getMessage());
    }

    @Test
    void constantColumnCannotBeStandardised() throws IOException {
        Table t = new CsvTableReader().read(write("c.csv", "a,b\n1,2\n1,3\n"));
        Gen4jException e = assertThrows(Gen4jException.class, () -> Standardizer.fit(t));
        assertTrue(e.getMessage().contains("column 'a'") && e.getMessage().contains("constant"), e.getMessage());
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static void assertMessage(Path file, String part) {
        Gen4jException e = assertThrows(Gen4jException.class, () -> new CsvTableReader().read(file));
        assertTrue(e.getMessage().contains(part), "message was: " + e.getMessage());
    }
}
