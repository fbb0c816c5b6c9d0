package org.gen4j.core;

import org.gen4j.data.Datasets;
import org.gen4j.distributions.CovarianceType;
import org.gen4j.gmm.GaussianMixture;
import org.gen4j.gmm.GaussianMixtureTrainer;
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

    /** A fitted model and real data of the kind it models. */
    record Fixture(String name, GenerativeModel model, INDArray data) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, List<Supplier<Fixture>>> FIXTURES = new LinkedHashMap<>();

    static {
        FIXTURES.put(GaussianMixture.MODEL_TYPE, Stream.of(CovarianceType.values()).<Supplier<Fixture>>map(type -> () -> {
            INDArray iris = Datasets.load("iris").features();
            return new Fixture("gaussian-mixture/" + type.label(),
                    GaussianMixtureTrainer.builder().components(3).covariance(type).seed(1).build().fit(iris), iris);
        }).toList());
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
            INDArray ll = ((DensityModel<INDArray>) density).logProb(f.data());
            assertArrayEquals(new long[]{f.data().rows()}, ll.shape());
            assertFalse(ll.isNaN().any() || ll.isInfinite().any());
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    @SuppressWarnings("unchecked")
    void samplingIsSeededAndLooksLikeTheData(Fixture f) {
        if (f.model() instanceof Sampler<?> sampler) {
            Sampler<INDArray> s = (Sampler<INDArray>) sampler;
            INDArray a = s.sample(200, 5);
            assertEquals(a, s.sample(200, 5), "same seed, same samples");
            assertFalse(a.equals(s.sample(200, 6)));
            assertEquals(f.data().columns(), a.columns());
            if (f.model() instanceof DensityModel<?> density) {
                DensityModel<INDArray> d = (DensityModel<INDArray>) density;
                INDArray noise = Nd4j.rand(DataType.DOUBLE, 200, f.data().columns())
                        .muli(f.data().max(0).sub(f.data().min(0)).reshape(1, f.data().columns()))
                        .addiRowVector(f.data().min(0).reshape(1, f.data().columns()));
                assertTrue(d.meanLogProb(a) > d.meanLogProb(noise), "samples score higher than uniform noise");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    @SuppressWarnings("unchecked")
    void posteriorsAreDistributions(Fixture f) {
        if (f.model() instanceof LatentModel<?, ?> latent) {
            Object posterior = ((LatentModel<INDArray, ?>) latent).posterior(f.data());
            if (posterior instanceof INDArray p) {
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
            assertEquals(((DensityModel<INDArray>) density).logProb(f.data()), ((DensityModel<INDArray>) loaded).logProb(f.data()));
        }
        if (f.model() instanceof AnomalyScorer<?> scorer) {
            assertEquals(((AnomalyScorer<INDArray>) scorer).score(f.data()), ((AnomalyScorer<INDArray>) loaded).score(f.data()));
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
