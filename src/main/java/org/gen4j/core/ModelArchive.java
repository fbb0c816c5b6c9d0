package org.gen4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The content of a classical model file: one JSON document of scalar parameters ({@code model.json}) and named
 * arrays stored as NumPy {@code .npy} files ({@code arrays/NAME.npy}), so a saved model can also be read from
 * Python with {@code numpy.load}.
 */
public final class ModelArchive {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL_ENTRY = "model.json";
    static final String ARRAY_DIR = "arrays/";

    private ModelArchive() {
    }

    /** What a codec fills when saving. */
    public static final class Writer {
        private final ObjectNode json = JSON.createObjectNode();
        private final Map<String, INDArray> arrays = new LinkedHashMap<>();

        /** The scalar parameters, as a JSON object the codec fills. */
        public ObjectNode json() {
            return json;
        }

        public Writer array(String name, INDArray array) {
            arrays.put(name, array);
            return this;
        }

        void writeTo(ZipOutputStream zip) throws IOException {
            zip.putNextEntry(new ZipEntry(MODEL_ENTRY));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            zip.closeEntry();
            for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(ARRAY_DIR + entry.getKey() + ".npy"));
                zip.write(Nd4j.toNpyByteArray(entry.getValue()));
                zip.closeEntry();
            }
        }
    }

    /** What a codec reads when loading; every missing or malformed entry is a {@link Gen4jException}. */
    public static final class Reader {
        private final ZipFile zip;
        private final Path path;
        private JsonNode json;
        private Provenance provenance;

        Reader(ZipFile zip, Path path) {
            this.zip = zip;
            this.path = path;
        }

        void open(JsonNode manifest) {
            this.json = readJson(MODEL_ENTRY);
            try {
                JsonNode node = manifest.get("provenance");
                this.provenance = node == null ? Provenance.handMade("unknown") : JSON.treeToValue(node, Provenance.class);
            } catch (IOException | IllegalArgumentException e) {
                throw corrupt("unreadable provenance (" + e.getMessage() + ")");
            }
        }

        /** How the model was made, as stored in the file. */
        public Provenance provenance() {
            return provenance;
        }

        public JsonNode json() {
            return json;
        }

        /** A required field of {@code model.json}. */
        public JsonNode field(String name) {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                throw corrupt("model.json has no field '" + name + "'");
            }
            return node;
        }

        /** Whether an optional array is stored. */
        public boolean hasArray(String name) {
            return zip.getEntry(ARRAY_DIR + name + ".npy") != null;
        }

        public INDArray array(String name) {
            ZipEntry entry = zip.getEntry(ARRAY_DIR + name + ".npy");
            if (entry == null) {
                throw corrupt("missing array '" + name + "'");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Nd4j.createNpyFromByteArray(in.readAllBytes());
            } catch (IOException | RuntimeException e) {
                throw corrupt("array '" + name + "' cannot be read (" + e.getMessage() + ")");
            }
        }

        JsonNode readJson(String entryName) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw corrupt("missing " + entryName);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return JSON.readTree(in);
            } catch (IOException e) {
                throw corrupt(entryName + " is not valid JSON (" + e.getMessage() + ")");
            }
        }

        public Gen4jException corrupt(String what) {
            return new Gen4jException("corrupt model file " + path + ": " + what);
        }
    }
}
