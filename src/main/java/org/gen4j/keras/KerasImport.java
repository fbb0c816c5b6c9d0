package org.gen4j.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.config.KerasModelConfiguration;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Map;

/**
 * Keras HDF5 models as DL4J networks: the file is read by {@link KerasHdf5File} (plain Java), DL4J's Keras import
 * builds the layers from the configuration and maps the weights. Unreadable files and layers DL4J cannot import
 * become errors that name the file.
 *
 * <pre>{@code
 * MultiLayerNetwork generator = KerasImport.sequential(Path.of("generator.h5"));
 * INDArray images = generator.output(Nd4j.randn(DataType.FLOAT, 16, 100));
 * }</pre>
 */
public final class KerasImport {
    private KerasImport() {
    }

    /** A Keras Sequential model (with weights) as a MultiLayerNetwork. */
    public static MultiLayerNetwork sequential(Path h5) {
        KerasHdf5File.Contents contents = KerasHdf5File.read(h5);
        return (MultiLayerNetwork) build(h5, () -> sequentialNetwork(h5, contents));
    }

    /** A Sequential model as a MultiLayerNetwork, else a functional one as a ComputationGraph. */
    public static Model sequentialOrFunctional(Path h5) {
        KerasHdf5File.Contents contents = KerasHdf5File.read(h5);
        return build(h5, () -> {
            if ("Sequential".equals(new ObjectMapper().readTree(contents.modelJson()).path("class_name").asText())) {
                return sequentialNetwork(h5, contents);
            }
            KerasModel model = builder(contents).buildModel();
            setWeights(h5, model, contents.weights());
            requireLayerShapes(h5, model.getComputationGraph(false).getLayers(), model.getLayers());
            return model.getComputationGraph(true);
        });
    }

    private static MultiLayerNetwork sequentialNetwork(Path h5, KerasHdf5File.Contents contents) throws Exception {
        var model = builder(contents).buildSequential();
        setWeights(h5, model, contents.weights());
        requireLayerShapes(h5, model.getMultiLayerNetwork(false).getLayers(), model.getLayers());
        return model.getMultiLayerNetwork(true);
    }

    private static KerasModelBuilder builder(KerasHdf5File.Contents contents) {
        return new KerasModelBuilder(new KerasModelConfiguration()).modelJson(contents.modelJson()).enforceTrainingConfig(false);
    }

    /** Every layer with parameters gets its weights from the file, and the file has none for unknown layers. */
    private static void setWeights(Path h5, KerasModel model, Map<String, Map<String, INDArray>> weights)
            throws InvalidKerasConfigurationException {
        Map<String, KerasLayer> layers = model.getLayers();
        for (Map.Entry<String, Map<String, INDArray>> layer : weights.entrySet()) {
            if (layer.getValue().isEmpty()) {
                continue;
            }
            if (!layers.containsKey(layer.getKey())) {
                throw new Gen4jException(h5 + ": weights for a layer the model does not have (" + layer.getKey() + ")");
            }
            layers.get(layer.getKey()).setWeights(layer.getValue());
        }
        for (KerasLayer layer : layers.values()) {
            if (layer.getNumParams() > 0 && weights.getOrDefault(layer.getLayerName(), Map.of()).isEmpty()) {
                throw new Gen4jException(h5 + ": no weights for layer " + layer.getLayerName());
            }
        }
    }

    /**
     * Each weight the file gives has the shape its DL4J layer's parameter has (read off an unweighted build): DL4J
     * copies weights without that check, and a file whose weights disagree with its own configuration left the
     * network's parameters pointing past their memory (a later save crashed the JVM).
     */
    private static void requireLayerShapes(Path h5, org.deeplearning4j.nn.api.Layer[] unweighted, Map<String, KerasLayer> layers) {
        for (org.deeplearning4j.nn.api.Layer layer : unweighted) {
            KerasLayer keras = layers.get(layer.conf().getLayer().getLayerName());
            if (keras == null || keras.getNumParams() == 0) {
                continue;
            }
            for (Map.Entry<String, INDArray> parameter : layer.paramTable().entrySet()) {
                INDArray given = keras.getWeights() == null ? null : keras.getWeights().get(parameter.getKey());
                long[] expected = parameter.getValue().shape();
                if (given == null || !java.util.Arrays.equals(given.shape(), expected)) {
                    throw new Gen4jException(h5 + ": layer " + keras.getLayerName() + " needs its " + parameter.getKey()
                            + " weights of shape " + java.util.Arrays.toString(expected) + ", the file gives "
                            + (given == null ? "none" : java.util.Arrays.toString(given.shape())));
                }
            }
        }
    }

    private interface Build {
        Model run() throws Exception;
    }

    private static Model build(Path h5, Build build) {
        try {
            return build.run();
        } catch (Gen4jException e) {
            throw e;
        } catch (UnsupportedKerasConfigurationException e) {
            throw new Gen4jException(h5 + ": DL4J cannot import this model: " + e.getMessage(), e);
        } catch (InvalidKerasConfigurationException e) {
            throw new Gen4jException(h5 + ": not a Keras model DL4J imports: " + e.getMessage(), e);
        } catch (Exception | StackOverflowError e) {
            // DL4J's import assumes a well-formed configuration: anything else surfaces as a runtime exception
            throw new Gen4jException(h5 + ": cannot import (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }
}
