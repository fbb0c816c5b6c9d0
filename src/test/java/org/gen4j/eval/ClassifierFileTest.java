package org.gen4j.eval;

import org.gen4j.core.Gen4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.gen4j.testing.Bits.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classifier files hold widths and numbers only; whatever else a file holds is refused in one line. */
class ClassifierFileTest {
    @TempDir
    Path dir;

    @Test
    void saveThenLoadGivesTheSameFeaturesBitForBit() {
        FeatureClassifier judge = FeatureClassifier.bundled("digits");
        Path file = dir.resolve("judge.zip");
        judge.save(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 20, 64);
        assertBitIdentical(judge.features(x), FeatureClassifier.load(file).features(x), "features after a round trip");
        assertEquals(10, FeatureClassifier.load(file).classes());
    }

    @Test
    void javaSerializedContentIsNeverRead() throws IOException {
        // a DL4J ModelSerializer zip: its preprocessor.bin is an ObjectInputStream payload
        Path serialized = dir.resolve("dl4j.zip");
        try (OutputStream out = Files.newOutputStream(serialized); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : new String[]{"configuration.json", "coefficients.bin"}) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("{}".getBytes());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("preprocessor.bin"));
            ObjectOutputStream objects = new ObjectOutputStream(zip);
            objects.writeObject(new java.util.HashMap<>(java.util.Map.of("a", "b")));
            objects.flush();
            zip.closeEntry();
        }
        assertMessage(serialized, "DL4J ModelSerializer zip, which gen4j does not read");
    }

    @Test
    void widthsAndParametersMustAgree() throws IOException {
        FeatureClassifier.bundled("digits").save(dir.resolve("good.zip"));
        String[][] cases = {
                {"{\"format\":\"gen4j-classifier\",\"formatVersion\":1,\"inputs\":64,\"hidden\":[128,64],\"classes\":11}", "need"},
                {"{\"format\":\"gen4j-classifier\",\"formatVersion\":1,\"inputs\":2000000000,\"hidden\":[128,64],\"classes\":10}", "'inputs' must be a width"},
                {"{\"format\":\"gen4j-classifier\",\"formatVersion\":1,\"inputs\":1000000,\"hidden\":[1000000,64],\"classes\":10}", "need"},
                {"{\"format\":\"gen4j-classifier\",\"formatVersion\":1,\"inputs\":64,\"hidden\":[128],\"classes\":10}", "two layer widths"},
                {"{\"format\":\"gen4j-classifier\",\"formatVersion\":7}", "format version 7"},
                {"[1, 2", "not valid JSON"}};
        for (String[] c : cases) {
            Path file = dir.resolve("bad.zip");
            try (var in = new java.util.zip.ZipFile(dir.resolve("good.zip").toFile()); OutputStream out = Files.newOutputStream(file);
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("gen4j-classifier.json"));
                zip.write(c[0].getBytes());
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("parameters.npy"));
                zip.write(in.getInputStream(in.getEntry("parameters.npy")).readAllBytes());
                zip.closeEntry();
            }
            assertMessage(file, c[1]);
        }
        assertMessage(dir.resolve("missing.zip"), "no classifier file at");
    }

    private static void assertMessage(Path file, String part) {
        Gen4jException e = assertThrows(Gen4jException.class, () -> FeatureClassifier.load(file));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
