package org.gen4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
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
 *
 * <p>Model files are untrusted input. Each entry is read through a bound on the bytes it expands to (1 GiB per
 * array, 64 MiB per JSON document, 2 GiB for the whole file; raise with {@code -Dgen4j.model.maxBytes=N}, which
 * scales them all), so a small zip that expands to gigabytes is refused when its bound is reached, not after the
 * memory has run out; arrays are checked against their headers by {@link NpyArrays} before they are built.
 */
public final class ModelArchive {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL_ENTRY = "model.json";
    static final String ARRAY_DIR = "arrays/";
    /** All entries of one file together, expanded. */
    static final long MAX_FILE_BYTES = Long.getLong("gen4j.model.maxBytes", 2L << 30);

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
        private final long maxFileBytes;
        private final BoundedZip entries;

        Reader(ZipFile zip, Path path) {
            this(zip, path, MAX_FILE_BYTES);
        }

        /** @param maxFileBytes the bound on all entries together; arrays get half, JSON documents a 32nd */
        Reader(ZipFile zip, Path path, long maxFileBytes) {
            this.zip = zip;
            this.path = path;
            this.maxFileBytes = maxFileBytes;
            this.entries = new BoundedZip(zip, path, "model file", maxFileBytes);
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
            byte[] bytes = read(entry, Math.max(1, maxFileBytes / 2));
            try {
                return NpyArrays.read(bytes);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw corrupt("array '" + name + "': " + e.getMessage());
            }
        }

        JsonNode readJson(String entryName) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw corrupt("missing " + entryName);
            }
            byte[] bytes = read(entry, Math.max(1, maxFileBytes / 32));
            try {
                JsonNode node = JSON.readTree(bytes);
                if (node == null || !node.isObject()) {
                    throw corrupt(entryName + " is not a JSON object");
                }
                return node;
            } catch (IOException e) {
                throw corrupt(entryName + " is not valid JSON (" + BoundedZip.firstLine(e.getMessage()) + ")");
            }
        }

        private byte[] read(ZipEntry entry, long bound) {
            return entries.read(entry.getName(), bound);
        }

        public Gen4jException corrupt(String what) {
            return new Gen4jException("corrupt model file " + path + ": " + what);
        }
    }
}
