package org.gen4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads every gen4j model in one file format: a versioned zip holding {@code gen4j-model.json}
 * (format version, model type, provenance), the model's parameters and its arrays.
 *
 * <pre>{@code
 * ModelIO.save(mixture, Path.of("faithful.gmm"));
 * GaussianMixture again = ModelIO.load(Path.of("faithful.gmm"), GaussianMixture.class);
 * }</pre>
 *
 * Saving writes a temporary file beside the target and renames it, so a crash never leaves a half-written
 * model. Loading a missing, truncated, foreign or newer-version file fails with a {@link Gen4jException}
 * that names the file and the problem.
 */
public final class ModelIO {
    /** The newest file format this gen4j writes and reads. */
    public static final int FORMAT_VERSION = 1;
    static final String MANIFEST_ENTRY = "gen4j-model.json";
    private static final String FORMAT_NAME = "gen4j-model";

    private ModelIO() {
    }

    public static void save(GenerativeModel model, Path path) {
        ModelCodec<GenerativeModel> codec = codecFor(model.modelType());
        ModelArchive.Writer archive = new ModelArchive.Writer();
        codec.write(model, archive);
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
            zip.write(ModelArchive.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest(model)));
            zip.closeEntry();
            archive.writeTo(zip);
            zip.finish();
        });
    }

    /** Loads a model of any registered type. */
    public static GenerativeModel load(Path path) {
        return load(path, ModelArchive.MAX_FILE_BYTES);
    }

    /** {@link #load(Path)} with a bound on the bytes the file's entries expand to, all together. */
    static GenerativeModel load(Path path, long maxFileBytes) {
        if (!Files.isRegularFile(path)) {
            throw new Gen4jException("no model file at " + path);
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ModelArchive.Reader reader = new ModelArchive.Reader(zipWithManifest(zip, path), path, maxFileBytes);
            JsonNode manifest = reader.readJson(MANIFEST_ENTRY);
            if (!FORMAT_NAME.equals(manifest.path("format").asText())) {
                throw new Gen4jException(path + " is not a gen4j model file (its manifest names no gen4j format)");
            }
            int version = manifest.path("formatVersion").asInt(-1);
            if (version > FORMAT_VERSION) {
                throw new Gen4jException(path + " was written by a newer gen4j (format version " + version
                        + "; this gen4j " + Gen4jVersion.current() + " reads up to " + FORMAT_VERSION + ")");
            }
            if (version < 1) {
                throw reader.corrupt("bad formatVersion in " + MANIFEST_ENTRY);
            }
            ModelCodec<GenerativeModel> codec = codecFor(manifest.path("modelType").asText());
            reader.open(manifest);
            return decode(codec, reader);
        } catch (ZipException e) {
            throw new Gen4jException(path + " is not a gen4j model file, or it is truncated or corrupt (" + e.getMessage() + ")", e);
        } catch (NoSuchFileException e) {
            throw new Gen4jException("no model file at " + path, e);
        } catch (IOException e) {
            throw new Gen4jException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The codec's reading, with what ND4J or the model's constructor say of arrays that do not fit together (a
     * file's arrays are checked one by one, not against each other) as a corrupt file.
     */
    private static GenerativeModel decode(ModelCodec<GenerativeModel> codec, ModelArchive.Reader reader) {
        try {
            return codec.read(reader);
        } catch (Gen4jException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | IndexOutOfBoundsException
                 | UnsupportedOperationException | NullPointerException | ClassCastException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw reader.corrupt("its parts do not fit together (" + message + ")");
        }
    }

    /** Loads a model and checks that it is of the expected class. */
    public static <M extends GenerativeModel> M load(Path path, Class<M> expected) {
        GenerativeModel model = load(path);
        if (!expected.isInstance(model)) {
            throw new Gen4jException(path + " holds a " + model.modelType() + ", not a " + expected.getSimpleName());
        }
        return expected.cast(model);
    }

    private static ZipFile zipWithManifest(ZipFile zip, Path path) {
        if (zip.getEntry(MANIFEST_ENTRY) == null) {
            throw new Gen4jException(path + " is a zip file but not a gen4j model (no " + MANIFEST_ENTRY + ")");
        }
        return zip;
    }

    private static ObjectNode manifest(GenerativeModel model) {
        ObjectNode manifest = ModelArchive.JSON.createObjectNode();
        manifest.put("format", FORMAT_NAME);
        manifest.put("formatVersion", FORMAT_VERSION);
        manifest.put("modelType", model.modelType());
        manifest.put("gen4jVersion", Gen4jVersion.current());
        manifest.set("provenance", ModelArchive.JSON.valueToTree(model.provenance()));
        return manifest;
    }

    /** Reads the provenance stored in a model file without decoding the model. */
    public static Provenance provenance(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            JsonNode manifest = new ModelArchive.Reader(zipWithManifest(zip, path), path).readJson(MANIFEST_ENTRY);
            return ModelArchive.JSON.treeToValue(manifest.get("provenance"), Provenance.class);
        } catch (IOException e) {
            throw new Gen4jException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ModelCodec<GenerativeModel> codecFor(String modelType) {
        ModelCodec<?> codec = Codecs.BY_TYPE.get(modelType);
        if (codec == null) {
            throw new Gen4jException("unknown model type '" + modelType + "' (known: " + Codecs.BY_TYPE.keySet() + ")");
        }
        return (ModelCodec<GenerativeModel>) codec;
    }

    /** Codecs found on the class path, loaded once. */
    private static final class Codecs {
        static final Map<String, ModelCodec<?>> BY_TYPE = new HashMap<>();

        static {
            for (ModelCodec<?> codec : ServiceLoader.load(ModelCodec.class)) {
                BY_TYPE.put(codec.modelType(), codec);
            }
        }
    }
}
