package org.gen4j.core;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.Networks;
import org.gen4j.data.Datasets;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.SequenceBatch;
import org.gen4j.hmm.BaumWelch;
import org.gen4j.hmm.HiddenMarkovModel;
import org.gen4j.stats.CovarianceType;
import org.gen4j.keras.KerasGenerator;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
import org.gen4j.vae.LatentPosterior;
import org.gen4j.vae.VaeArchitecture;
import org.gen4j.vae.VaeTrainer;
import org.gen4j.vae.VariationalAutoencoder;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every model honours, checked over every registered model type: a new model without a fixture here
 * fails the build. Data-type-specific checks apply to the capabilities a model implements.
 */
class ModelContractTest {

    /** A fitted model, real data of the kind it models, and noise of the same shape. */
    record Fixture(String name, GenerativeModel model, Object data, Object noise) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The rows of any kind of data, to compare and measure it. */
    static INDArray rows(Object data) {
        if (data instanceof DiscreteTable table) {
            return table.codes();
        }
        INDArray array = data instanceof SequenceBatch batch ? batch.concatenated() : (INDArray) data;
        return array.rank() > 2 ? array.reshape(array.size(0), -1) : array;     // images: one row each
    }

    static int count(Object data) {
        return data instanceof SequenceBatch batch ? batch.size() : (int) rows(data).rows();
    }

    /** Uniform noise over the range of each column of the data. */
    static INDArray uniformLike(INDArray x) {
        return Nd4j.rand(DataType.DOUBLE, x.rows(), x.columns())
                .muli(x.max(0).sub(x.min(0)).reshape(1, x.columns()))
                .addiRowVector(x.min(0).reshape(1, x.columns()));
    }

    private static final Map<String, List<Supplier<Fixture>>> FIXTURES = new LinkedHashMap<>();

    static {
        FIXTURES.put(GaussianMixture.MODEL_TYPE, Stream.of(CovarianceType.values()).<Supplier<Fixture>>map(type -> () -> {
            INDArray iris = Datasets.load("iris").features();
            return new Fixture("gaussian-mixture/" + type.label(),
                    GaussianMixtureTrainer.builder().components(3).covariance(type).seed(1).build().fit(iris), iris,
                    uniformLike(iris));
        }).toList());
        FIXTURES.put(HiddenMarkovModel.MODEL_TYPE, List.of(() -> {
            INDArray waiting = Datasets.load("faithful", List.of("waiting")).features();
            SequenceBatch data = SequenceBatch.of(waiting.getRows(java.util.stream.IntStream.range(0, 136).toArray()),
                    waiting.getRows(java.util.stream.IntStream.range(136, 272).toArray()));
            HiddenMarkovModel hmm = BaumWelch.builder().states(2).gaussian(CovarianceType.DIAG).seed(1).build().fit(data);
            return new Fixture("hidden-markov-model/gaussian", hmm, data,
                    SequenceBatch.of(uniformLike(data.sequence(0)), uniformLike(data.sequence(1))));
        }));
    }

    static {
        FIXTURES.put(BayesianNetwork.MODEL_TYPE, List.of(() -> {
            BayesianNetwork asia = Networks.load("asia");
            DiscreteTable data = asia.sample(300, 1);
            // uniform noise over the states of each variable
            INDArray noise = Nd4j.rand(DataType.DOUBLE, 300, 8).muli(1.999).castTo(DataType.INT32).castTo(DataType.DOUBLE);
            return new Fixture("bayesian-network/asia", asia, data, new DiscreteTable(noise, asia.variables()));
        }));
        FIXTURES.put(KerasGenerator.MODEL_TYPE, List.of(() -> {
            KerasGenerator generator = KerasGenerator.load(Path.of("src/test/resources/keras/dcgan_generator.h5"));
            INDArray images = generator.sample(8, 99);      // untrained weights: its own samples are its data
            return new Fixture("keras-generator/dcgan", generator, images, Nd4j.rand(images.dataType(), images.shape()));
        }));
        FIXTURES.put(org.gen4j.keras.KerasDiscriminator.MODEL_TYPE, List.of(() -> {
            KerasGenerator generator = KerasGenerator.load(Path.of("src/test/resources/keras/dcgan_generator.h5"));
            org.gen4j.keras.KerasDiscriminator d = org.gen4j.keras.KerasDiscriminator.load(Path.of("src/test/resources/keras/dcgan_discriminator.h5"));
            INDArray images = generator.sample(8, 99);
            return new Fixture("keras-discriminator/dcgan", d, images, Nd4j.rand(images.dataType(), images.shape()));
        }));
        FIXTURES.put(org.gen4j.keras.KerasVae.MODEL_TYPE, List.of(() -> {
            // small DL4J halves in the roles a Keras encoder and decoder import to (KerasVaeTest uses the real Keras
            // decoder file); untrained, so the decoder's own samples are the data
            org.deeplearning4j.nn.multilayer.MultiLayerNetwork encoder = dense(64, 8, org.nd4j.linalg.activations.Activation.IDENTITY);
            encoder.params().muli(0.1);
            org.gen4j.keras.KerasVae vae = org.gen4j.keras.KerasVae.of(encoder, dense(4, 64, org.nd4j.linalg.activations.Activation.TANH),
                    org.gen4j.keras.KerasVae.Output.GAUSSIAN, 0.05);
            INDArray data = vae.sample(100, 7);
            return new Fixture("keras-vae/dense", vae, data, Nd4j.rand(DataType.FLOAT, 100, 64).muli(6).subi(3));
        }));
        FIXTURES.put(org.gen4j.gan.Gan.MODEL_TYPE, List.of(() -> {
            INDArray faithful = Datasets.load("faithful").features();
            INDArray standard = faithful.subRowVector(faithful.mean(0)).diviRowVector(faithful.std(0));
            org.gen4j.gan.Gan gan = new org.gen4j.gan.GanTrainer(org.gen4j.gan.GanArchitecture.mlp(2).latent(4).generatorHidden(32)
                    .discriminatorHidden(32).outputActivation("identity").build()).epochs(3).batchSize(64).seed(3).fit(standard);
            return new Fixture("gan/mlp", gan, standard, uniformLike(standard));
        }));
        FIXTURES.put(VariationalAutoencoder.MODEL_TYPE, List.of(() -> {
            INDArray digits = Datasets.load("digits").features().div(16.0);
            VariationalAutoencoder vae = new VaeTrainer(VaeArchitecture.mlp(64).hidden(64).latent(4).build())
                    .epochs(5).batchSize(64).seed(3).fit(digits);
            return new Fixture("variational-autoencoder/mlp", vae, digits.get(NDArrayIndex.interval(0, 300), NDArrayIndex.all()),
                    Nd4j.rand(DataType.DOUBLE, 300, 64));
        }));
    }

    private static org.deeplearning4j.nn.multilayer.MultiLayerNetwork dense(int in, int out, org.nd4j.linalg.activations.Activation activation) {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT).list()
                        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(in).nOut(out).activation(activation).build())
                        .build());
        net.init();
        return net;
    }

    static Stream<Fixture> fixtures() {
        return FIXTURES.values().stream().flatMap(List::stream).map(Supplier::get);
    }

    @Test
    void everyRegisteredModelTypeHasAFixture() {
        for (ModelCodec<?> codec : ServiceLoader.load(ModelCodec.class)) {
            assertTrue(FIXTURES.containsKey(codec.modelType()), "no contract fixture for model type " + codec.modelType());
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    @SuppressWarnings("unchecked")
    void densityIsOneFiniteValuePerSample(Fixture f) {
        if (f.model() instanceof DensityModel<?> density) {
            INDArray ll = ((DensityModel<Object>) density).logProb(f.data());
            assertArrayEquals(new long[]{count(f.data())}, ll.shape());
            assertFalse(ll.isNaN().any() || ll.isInfinite().any());
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    @SuppressWarnings("unchecked")
    void samplingIsSeededAndLooksLikeTheData(Fixture f) {
        if (f.model() instanceof Sampler<?> sampler) {
            Sampler<Object> s = (Sampler<Object>) sampler;
            INDArray a = rows(s.sample(200, 5));
            assertEquals(a, rows(s.sample(200, 5)), "same seed, same samples");
            assertFalse(a.equals(rows(s.sample(200, 6))));
            assertEquals(rows(f.data()).columns(), a.columns());
            if (f.model() instanceof DensityModel<?> density) {
                DensityModel<Object> d = (DensityModel<Object>) density;
                double perRowSample = d.logProb(s.sample(200, 5)).sumNumber().doubleValue() / 200;
                double perRowNoise = d.logProb(f.noise()).sumNumber().doubleValue() / rows(f.noise()).rows();
                assertTrue(perRowSample > perRowNoise, "samples score higher than uniform noise");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    @SuppressWarnings("unchecked")
    void posteriorsAreDistributions(Fixture f) {
        if (f.model() instanceof LatentModel<?, ?> latent) {
            Object posterior = ((LatentModel<Object, ?>) latent).posterior(f.data());
            if (posterior instanceof LatentPosterior q) {      // a density over z: finite means, positive variances
                assertArrayEquals(q.mean().shape(), q.variance().shape());
                assertEquals(count(f.data()), q.mean().rows());
                assertFalse(q.mean().isNaN().any() || q.variance().isInfinite().any());
                assertTrue(q.variance().minNumber().doubleValue() > 0);
                return;
            }
            List<INDArray> parts = posterior instanceof INDArray p ? List.of(p) : (List<INDArray>) posterior;
            for (INDArray p : parts) {
                assertEquals(0, p.sum(1).subi(1).amaxNumber().doubleValue(), 1e-9);
                assertTrue(p.minNumber().doubleValue() >= 0);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    @SuppressWarnings("unchecked")
    void saveAndLoadKeepEveryAnswer(Fixture f, @TempDir Path dir) {
        Path file = dir.resolve("model.gen4j");
        ModelIO.save(f.model(), file);
        GenerativeModel loaded = ModelIO.load(file);
        assertEquals(f.model().modelType(), loaded.modelType());
        assertEquals(f.model().provenance(), loaded.provenance());
        if (f.model() instanceof DensityModel<?> density) {
            assertEquals(((DensityModel<Object>) density).logProb(f.data()), ((DensityModel<Object>) loaded).logProb(f.data()));
        }
        if (f.model() instanceof AnomalyScorer<?> scorer) {
            assertEquals(((AnomalyScorer<Object>) scorer).score(f.data()), ((AnomalyScorer<Object>) loaded).score(f.data()));
        }
        if (f.model() instanceof Sampler<?> sampler) {
            assertEquals(rows(sampler.sample(5, 3)), rows(((Sampler<?>) loaded).sample(5, 3)));
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void printsSomethingUsefulAtAREPL(Fixture f) {
        String text = f.model().toString();
        assertFalse(text.contains("@"), "not Object.toString: " + text);
        assertTrue(text.length() > 20);
    }
}
