package org.gen4j.eval;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DataChecks;
import org.gen4j.data.Shuffle;
import org.gen4j.nn.ClassLabels;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.List;

/**
 * A small classifier trained on the same data as the generative models it judges: its last hidden layer gives the
 * features of the Fréchet distance, kernel MMD and precision/recall, and its predictions give mode coverage. (The
 * Inception network of the usual FID cannot be downloaded here; a classifier of the data set itself is the standard
 * substitute for small data sets, and its numbers compare models on that data set only.)
 *
 * <pre>{@code
 * FeatureClassifier judge = FeatureClassifier.bundled("digits");        // shipped in models/, 97% held-out accuracy
 * SampleQuality q = SampleQuality.of(gan.sample(1000, 1), realImages, judge);
 * }</pre>
 */
public final class FeatureClassifier {
    private static final String FEATURES_LAYER_INDEX = "1";
    private final MultiLayerNetwork network;

    private FeatureClassifier(MultiLayerNetwork network) {
        this.network = network;
    }

    /**
     * Trains an MLP {@code d -> hidden[0] -> hidden[1] -> classes} with Adam on rows or images.
     *
     * @param labels class per row, 0..classes-1
     */
    public static FeatureClassifier train(INDArray data, int[] labels, int classes, int[] hidden, int epochs, long seed) {
        INDArray rows = rows(data, -1);
        INDArray targets = ClassLabels.oneHot(labels, classes, rows.rows(), "classifier");
        if (hidden.length != 2) {
            throw new Gen4jException("the feature classifier has two hidden layers, got " + hidden.length + " widths");
        }
        MultiLayerNetwork network = network(new ClassifierFile.Shape((int) rows.columns(), hidden, classes), seed);
        network.init();
        int n = (int) rows.rows();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = Shuffle.permutation(n, seed + epoch);
            for (int start = 0; start < n; start += 64) {
                int[] pick = java.util.Arrays.copyOfRange(order, start, Math.min(n, start + 64));
                network.fit(Nd4j.pullRows(rows, 1, pick), Nd4j.pullRows(targets, 1, pick));
            }
        }
        return new FeatureClassifier(network);
    }

    /** The network {@code inputs -> hidden[0] -> hidden[1] -> classes}, not yet initialised. */
    private static MultiLayerNetwork network(ClassifierFile.Shape shape, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Adam(1e-3)).l2(1e-4).list()
                .layer(new DenseLayer.Builder().nIn(shape.inputs()).nOut(shape.hidden()[0]).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(shape.hidden()[1]).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(shape.classes()).activation(Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(shape.inputs()))
                .build();
        return new MultiLayerNetwork(conf);
    }

    private static FeatureClassifier of(ClassifierFile.Content content) {
        MultiLayerNetwork network = network(content.shape(), 0);
        network.init(content.parameters().reshape(1, content.parameters().length()), true);
        return new FeatureClassifier(network);
    }

    /** A classifier shipped with gen4j: {@code digits} (8x8 digits) or {@code mnist} (28x28). */
    public static FeatureClassifier bundled(String name) {
        ClassifierFile.Content content = name.matches("[a-z0-9-]+") ? ClassifierFile.readResource("/org/gen4j/models/classifier-" + name + ".zip") : null;
        if (content == null) {
            throw new Gen4jException("no bundled classifier '" + name + "' (bundled: digits, mnist)");
        }
        return of(content);
    }

    /** The bundled classifier for images of {@code features} pixels (64: digits, 784: MNIST), if there is one. */
    public static java.util.Optional<FeatureClassifier> bundledFor(long features) {
        return features == 64 ? java.util.Optional.of(bundled("digits"))
                : features == 784 ? java.util.Optional.of(bundled("mnist")) : java.util.Optional.empty();
    }

    public static FeatureClassifier load(Path file) {
        return of(ClassifierFile.read(file));
    }

    /** Writes the layer widths and parameters (see {@link ClassifierFile}) atomically. */
    public void save(Path file) {
        ClassifierFile.write(file, new ClassifierFile.Shape((int) inputSize(), new int[]{(int) network.layerSize(0), (int) network.layerSize(1)},
                classes()), network.params());
    }

    public long inputSize() {
        return network.layerInputSize(0);
    }

    public int classes() {
        return (int) network.layerSize(2);
    }

    /** The last hidden layer's activations, {@code [n, hidden[1]]}, float64. */
    public INDArray features(INDArray data) {
        INDArray rows = rows(data, inputSize());
        List<INDArray> activations = network.feedForward(rows, false);
        return activations.get(Integer.parseInt(FEATURES_LAYER_INDEX) + 1).castTo(DataType.DOUBLE);
    }

    public int[] predict(INDArray data) {
        return network.predict(rows(data, inputSize()));
    }

    /** Share of rows whose predicted class is their label. */
    public double accuracy(INDArray data, int[] labels) {
        int[] predicted = predict(data);
        if (labels.length != predicted.length) {
            throw new Gen4jException(labels.length + " labels for " + predicted.length + " rows");
        }
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }

    private static INDArray rows(INDArray data, long expected) {
        if (data == null || data.rank() < 2) {
            throw new Gen4jException("classifier input must be rows [n, d] or images [n, c, h, w]");
        }
        INDArray rows = data.reshape('c', data.size(0), data.length() / data.size(0));
        DataChecks.requireFiniteMatrix(rows, (int) expected, "classifier input");
        return rows.castTo(DataType.FLOAT);
    }

    @Override
    public String toString() {
        return "FeatureClassifier(" + inputSize() + " inputs -> " + network.layerSize(0) + " -> " + network.layerSize(1)
                + " features -> " + classes() + " classes)";
    }
}
