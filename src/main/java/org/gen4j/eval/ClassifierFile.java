package org.gen4j.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gen4j.core.AtomicFiles;
import org.gen4j.core.BoundedZip;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Gen4jVersion;
import org.gen4j.core.NpyArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A {@link FeatureClassifier} on disk: a zip of {@code gen4j-classifier.json} (the layer widths) and
 * {@code parameters.npy} (every weight, as the network's flat parameter vector). Nothing in it is Java-serialized:
 * DL4J's {@code ModelSerializer} zips carry a Java-serialized preprocessor, which a crafted file turns into a hang
 * or worse, so gen4j neither writes nor reads them.
 */
final class ClassifierFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "gen4j-classifier";
    private static final String DESCRIPTION = "gen4j-classifier.json";
    private static final String PARAMETERS = "parameters.npy";
    private static final int FORMAT_VERSION = 1;
    /** Widths above this are not a feature classifier (and would ask for gigabytes before the first check). */
    private static final int MAX_WIDTH = 1 << 20;
    private static final long MAX_BYTES = Long.getLong("gen4j.model.maxBytes", 2L << 30);

    /** The layer widths: inputs → hidden[0] → hidden[1] → classes. */
    record Shape(int inputs, int[] hidden, int classes) {
        long parameterCount() {
            return (long) inputs * hidden[0] + hidden[0] + (long) hidden[0] * hidden[1] + hidden[1] + (long) hidden[1] * classes + classes;
        }
    }

    private ClassifierFile() {
    }

    static void write(Path file, Shape shape, INDArray parameters) {
        ObjectNode description = JSON.createObjectNode();
        description.put("format", FORMAT);
        description.put("formatVersion", FORMAT_VERSION);
        description.put("gen4jVersion", Gen4jVersion.current());
        description.put("inputs", shape.inputs());
        description.putArray("hidden").add(shape.hidden()[0]).add(shape.hidden()[1]);
        description.put("classes", shape.classes());
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(DESCRIPTION));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(description));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(PARAMETERS));
            zip.write(Nd4j.toNpyByteArray(parameters.castTo(DataType.FLOAT).reshape(parameters.length())));
            zip.closeEntry();
            zip.finish();
        });
    }

    /** The widths and the parameters, checked against each other. */
    record Content(Shape shape, INDArray parameters) {
    }

    static Content read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Gen4jException("no classifier file at " + file);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(new BoundedZip(zip, file, "classifier file", MAX_BYTES));
        } catch (ZipException e) {
            throw new Gen4jException(file + " is not a gen4j classifier file, or it is truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new Gen4jException("cannot read classifier file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A bundled classifier, copied out of the jar first (zip entries are read from files). */
    static Content readResource(String resource) {
        try (InputStream in = ClassifierFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Path copy = Files.createTempFile("gen4j-classifier", ".zip");
            try {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return read(copy);
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled classifier " + resource, e);
        }
    }

    private static Content read(BoundedZip zip) {
        if (!zip.has(DESCRIPTION)) {
            if (zip.has("configuration.json") && zip.has("coefficients.bin")) {
                throw zip.corrupt("a DL4J ModelSerializer zip, which gen4j does not read (it holds Java-serialized objects);"
                        + " train a classifier with 'gen4j classifier', which writes gen4j's own format");
            }
            throw zip.corrupt("not a gen4j classifier (no " + DESCRIPTION + ")");
        }
        JsonNode description;
        try {
            description = JSON.readTree(zip.read(DESCRIPTION, 1 << 20));
        } catch (IOException e) {
            throw zip.corrupt(DESCRIPTION + " is not valid JSON");
        }
        if (description == null || !FORMAT.equals(description.path("format").asText())) {
            throw zip.corrupt(DESCRIPTION + " names no gen4j classifier format");
        }
        int version = description.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw zip.corrupt("classifier format version " + version + " (this gen4j reads " + FORMAT_VERSION + ")");
        }
        JsonNode hidden = description.path("hidden");
        if (!hidden.isArray() || hidden.size() != 2) {
            throw zip.corrupt("'hidden' must list two layer widths");
        }
        Shape shape = new Shape(width(zip, description.path("inputs"), "inputs"),
                new int[]{width(zip, hidden.get(0), "hidden[0]"), width(zip, hidden.get(1), "hidden[1]")},
                width(zip, description.path("classes"), "classes"));
        if (shape.classes() < 2) {
            throw zip.corrupt("a classifier needs at least 2 classes, the file says " + shape.classes());
        }
        long expected = shape.parameterCount();
        if (expected * Float.BYTES > MAX_BYTES) {
            throw zip.corrupt("layer widths that need " + expected + " parameters");
        }
        INDArray parameters;
        try {
            parameters = NpyArrays.read(zip.read(PARAMETERS, expected * Float.BYTES + 4096));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw zip.corrupt(PARAMETERS + ": " + e.getMessage());
        }
        if (parameters.length() != expected || parameters.dataType() != DataType.FLOAT) {
            throw zip.corrupt(PARAMETERS + " holds " + parameters.length() + " " + parameters.dataType() + " values; the widths "
                    + shape.inputs() + " -> " + shape.hidden()[0] + " -> " + shape.hidden()[1] + " -> " + shape.classes()
                    + " need " + expected + " FLOAT values");
        }
        return new Content(shape, parameters);
    }

    private static int width(BoundedZip zip, JsonNode node, String name) {
        if (!node.isInt() || node.asInt() < 1 || node.asInt() > MAX_WIDTH) {
            throw zip.corrupt("'" + name + "' must be a width from 1 to " + MAX_WIDTH + ", the file says " + node);
        }
        return node.asInt();
    }
}
