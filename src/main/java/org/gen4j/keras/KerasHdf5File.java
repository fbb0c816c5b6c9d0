package org.gen4j.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras full-model HDF5 file ({@code model.save("m.h5")}) read in plain Java with jhdf: its {@code model_config}
 * and the weights of each layer. A user's bytes never reach the native HDF5 library, whose reader hangs or
 * crashes on crafted files; anything malformed here is one {@link Gen4jException}.
 *
 * <pre>{@code
 * KerasHdf5File.Contents model = KerasHdf5File.read(Path.of("generator.h5"));
 * System.out.println(model.weights().keySet());
 * }</pre>
 */
public final class KerasHdf5File {
    /** Largest file read, in bytes: 2 GiB (one mapped buffer), lower with {@code -Dgen4j.keras.maxBytes}. */
    static final long MAX_BYTES = Math.min(Integer.MAX_VALUE, Long.getLong("gen4j.keras.maxBytes", Integer.MAX_VALUE));
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasHdf5File() {
    }

    /**
     * The model configuration as JSON (with the file's {@code keras_version} and {@code backend} added, as DL4J's
     * import expects) and each layer's weights by Keras parameter name ({@code kernel}, {@code bias}, ...).
     */
    public record Contents(String modelJson, Map<String, Map<String, INDArray>> weights) {
    }

    /** Only the model configuration, as {@link #read} gives it. */
    public static String modelJson(Path h5) {
        return parse(h5, file -> modelJson(h5, file));
    }

    public static Contents read(Path h5) {
        return parse(h5, file -> new Contents(modelJson(h5, file), weights(h5, file)));
    }

    private static <T> T parse(Path h5, java.util.function.Function<HdfFile, T> reader) {
        requireSignature(h5);
        // jhdf reading from a channel allocates whatever length a header claims; over the mapped file it can only
        // slice the bytes that are there
        try (FileChannel channel = FileChannel.open(h5, StandardOpenOption.READ);
             HdfFile file = HdfFile.fromByteBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()))) {
            return reader.apply(file);
        } catch (Gen4jException e) {
            throw e;
        } catch (IOException e) {
            throw new Gen4jException(h5 + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException | StackOverflowError e) {
            // jhdf's own errors (HdfException) and what a crafted structure provokes in it
            throw new Gen4jException(h5 + ": cannot read as a Keras HDF5 file: truncated or corrupt (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** Keras keeps each layer's weights in a group of {@code model_weights} named after the layer. */
    private static Map<String, Map<String, INDArray>> weights(Path h5, HdfFile file) {
        Map<String, Map<String, INDArray>> weights = new LinkedHashMap<>();
        Node root = file.getChild("model_weights");
        if (root instanceof Group group) {
            long[] budget = {MAX_BYTES / Float.BYTES};
            for (Node layer : group) {
                if (layer instanceof Group layerGroup) {
                    weights.put(layer.getName(), layerWeights(h5, layerGroup, budget));
                }
            }
        }
        return weights;
    }

    /** HDF5's signature and a size cap, before any parsing. */
    static void requireSignature(Path h5) {
        if (!Files.isRegularFile(h5)) {
            throw new Gen4jException("no Keras model file at " + h5);
        }
        byte[] head = new byte[SIGNATURE.length];
        try (var in = Files.newInputStream(h5)) {
            if (in.readNBytes(head, 0, head.length) < head.length || !Arrays.equals(head, SIGNATURE)) {
                throw new Gen4jException(h5 + ": not an HDF5 file (a Keras model saved with model.save('...h5') is)");
            }
            long size = Files.size(h5);
            if (size > MAX_BYTES) {
                throw new Gen4jException(h5 + ": " + size + " bytes is more than the " + MAX_BYTES
                        + " read for a Keras model (raise it with -Dgen4j.keras.maxBytes)");
            }
        } catch (IOException e) {
            throw new Gen4jException(h5 + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String modelJson(Path h5, HdfFile file) {
        String config = stringAttribute(file, "model_config");
        if (config == null) {
            throw new Gen4jException(h5 + " holds no model_config: save the whole model (model.save), not only its weights");
        }
        ObjectNode json;
        try {
            if (!(new ObjectMapper().readTree(config) instanceof ObjectNode object)) {
                throw new Gen4jException(h5 + ": model_config is not a JSON object");
            }
            json = object;
        } catch (IOException e) {
            throw new Gen4jException(h5 + ": model_config is not JSON (" + e.getMessage() + ")", e);
        }
        String version = stringAttribute(file, "keras_version");
        json.put("keras_version", version == null ? "2" : version);
        String backend = stringAttribute(file, "backend");
        json.put("backend", backend == null ? "tensorflow" : backend);
        return json.toString();
    }

    /** Keras lists a layer's datasets in its {@code weight_names} attribute, paths relative to the layer's group. */
    private static Map<String, INDArray> layerWeights(Path h5, Group layer, long[] budget) {
        Map<String, INDArray> weights = new LinkedHashMap<>();
        Attribute names = layer.getAttribute("weight_names");
        if (names == null || names.isEmpty()) {
            return weights;
        }
        if (!(names.getData() instanceof String[] paths)) {
            throw new Gen4jException(h5 + ": layer " + layer.getName() + " has weight_names that are not strings");
        }
        for (String path : paths) {
            if (!(layer.getByPath(path) instanceof Dataset dataset)) {
                throw new Gen4jException(h5 + ": layer " + layer.getName() + " names weight " + path + " but holds no such array");
            }
            weights.put(parameterName(path), floatArray(h5, dataset, budget));
        }
        return weights;
    }

    /** {@code dense_1/kernel:0} is DL4J's {@code kernel}: the last path part without TensorFlow's suffixes. */
    static String parameterName(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.replaceFirst(":\\d+$", "").replaceFirst("_\\d+$", "");
    }

    private static INDArray floatArray(Path h5, Dataset dataset, long[] budget) {
        int[] dims = dataset.getDimensions();
        long elements = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new Gen4jException(h5 + ": weight " + dataset.getPath() + " has shape " + Arrays.toString(dims));
            }
            elements = Math.multiplyExact(elements, d);
        }
        if (dims.length == 0 || dims.length > 5 || elements > budget[0]) {
            throw new Gen4jException(h5 + ": weight " + dataset.getPath() + " of shape " + Arrays.toString(dims)
                    + " is not a layer weight gen4j reads (rank 1 to 5, at most " + MAX_BYTES + " bytes in all)");
        }
        budget[0] -= elements;
        long[] shape = Arrays.stream(dims).asLongStream().toArray();
        Object flat = dataset.getDataFlat();
        if (flat instanceof float[] values && values.length == elements) {
            return Nd4j.create(values, shape, 'c');
        }
        if (flat instanceof double[] values && values.length == elements) {
            return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
        }
        throw new Gen4jException(h5 + ": weight " + dataset.getPath() + " is not a floating-point array");
    }

    private static String stringAttribute(Node node, String name) {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null) {
            return null;
        }
        Object data = attribute.getData();
        if (data instanceof String text) {
            return text;
        }
        if (data instanceof String[] texts && texts.length == 1) {
            return texts[0];
        }
        throw new Gen4jException(node.getHdfFile().getFileAsPath() + ": attribute " + name + " is not a string");
    }
}
