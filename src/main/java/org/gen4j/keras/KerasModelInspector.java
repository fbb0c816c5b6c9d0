package org.gen4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gen4j.core.Gen4jException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lists the layers of a Keras HDF5 model (its {@code model_config}) with whether DL4J 1.0.0-M2.1 imports each, and
 * what to do about those it does not, before any import is tried.
 *
 * <pre>{@code
 * List<KerasModelInspector.LayerReport> layers = KerasModelInspector.inspect(Path.of("generator.h5"));
 * System.out.println(KerasModelInspector.table(layers));
 * }</pre>
 */
public final class KerasModelInspector {
    /** Keras layer class names DL4J M2.1's Keras import maps to its own layers. */
    private static final Set<String> SUPPORTED = Set.of("InputLayer", "Dense", "Activation", "Dropout", "AlphaDropout",
            "GaussianDropout", "GaussianNoise", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "Flatten", "Reshape",
            "Permute", "RepeatVector", "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D",
            "Conv2DTranspose", "Conv3DTranspose", "Deconvolution2D", "AtrousConvolution1D", "AtrousConvolution2D",
            "SeparableConv2D", "DepthwiseConv2D", "LocallyConnected1D", "LocallyConnected2D", "MaxPooling1D", "MaxPooling2D",
            "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
            "GlobalMaxPooling3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D", "UpSampling1D",
            "UpSampling2D", "UpSampling3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "Cropping1D", "Cropping2D",
            "Cropping3D", "BatchNormalization", "LeakyReLU", "PReLU", "ELU", "ReLU", "ThresholdedReLU", "Softmax", "Embedding",
            "LSTM", "SimpleRNN", "Bidirectional", "Masking", "Add", "Concatenate", "Multiply", "Subtract", "Average", "Maximum",
            "Merge", "LRN", "SpaceToDepth");

    private KerasModelInspector() {
    }

    /** One layer of the model: its Keras name and class, and advice when DL4J cannot import it. */
    public record LayerReport(String name, String type, boolean supported, String advice) {
    }

    public static List<LayerReport> inspect(Path h5) {
        String json = KerasHdf5File.modelJson(h5);
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new Gen4jException(h5 + ": model_config is not JSON (" + e.getMessage() + ")", e);
        }
        JsonNode layers = config.path("config").isArray() ? config.path("config") : config.path("config").path("layers");
        List<LayerReport> out = new ArrayList<>();
        for (JsonNode layer : layers) {
            String type = layer.path("class_name").asText();
            String name = layer.path("config").path("name").asText(layer.path("name").asText("?"));
            boolean supported = SUPPORTED.contains(type);
            out.add(new LayerReport(name, type, supported, supported ? "" : advice(name, type)));
        }
        return out;
    }

    public static List<LayerReport> unsupported(List<LayerReport> layers) {
        return layers.stream().filter(l -> !l.supported()).toList();
    }

    /** A plain-text table: #, name, type, imports?, what to do. */
    public static String table(List<LayerReport> layers) {
        StringBuilder out = new StringBuilder(String.format("%-3s %-28s %-22s %-8s %s%n", "#", "layer", "type", "imports", "what to do"));
        for (int i = 0; i < layers.size(); i++) {
            LayerReport l = layers.get(i);
            out.append(String.format("%-3d %-28s %-22s %-8s %s%n", i + 1, l.name(), l.type(), l.supported() ? "yes" : "NO", l.advice()));
        }
        return out.toString();
    }

    static String advice(String name, String type) {
        return switch (type) {
            case "Lambda" -> "write its function as a DL4J SameDiffLambdaLayer and register it before importing: "
                    + "KerasLayer.registerLambdaLayer(\"" + name + "\", layer)";
            case "GRU" -> "DL4J imports LSTM and SimpleRNN, not GRU: retrain with LSTM";
            case "TimeDistributed", "ConvLSTM2D" -> "not imported by DL4J M2.1: rebuild the model without it";
            default -> "a custom or unknown layer: register a Java version with KerasLayer.registerCustomLayer(\"" + type
                    + "\", YourLayer.class), or rebuild the model from standard layers";
        };
    }
}
