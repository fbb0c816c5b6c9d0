package org.gen4j.em;

import org.gen4j.core.FitSummary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine on a model whose answers are known in closed form: EM for the mean of a unit-variance Gaussian whose
 * observations are partly hidden (each batch: a sum of observed values and a count of missing ones). The fixed
 * point is the observed mean; each iteration moves the estimate a known fraction of the way there.
 */
class EmEngineTest {

    /** Observed values' sum and count, and how many values are missing. */
    record Batch(double observedSum, int observed, int missing) {
    }

    static final class Sums implements EmStatistics<Sums> {
        double total;
        double count;
        double logLikelihood;

        @Override
        public double objective() {
            return logLikelihood;
        }

        @Override
        public void merge(Sums other) {
            total += other.total;
            count += other.count;
            logLikelihood += other.logLikelihood;
        }
    }

    /** E-step: a missing value's expectation is the current mean. Objective: −(observed mean − μ)² (rises to 0). */
    static final class HiddenMean implements EmModel<Double, Batch, Sums> {
        @Override
        public Sums statistics(Double current) {
            return new Sums();
        }

        @Override
        public void accumulate(Double mean, Batch batch, Sums into) {
            into.total += batch.observedSum + batch.missing * mean;
            into.count += batch.observed + batch.missing;
            into.logLikelihood -= batch.observed * Math.pow(batch.observedSum / batch.observed - mean, 2);
        }

        @Override
        public Double maximize(Double current, Sums statistics) {
            return statistics.total / statistics.count;
        }
    }

    record Fitted(double mean, FitSummary fit) {
    }

    private static final List<Batch> DATA = List.of(new Batch(10, 5, 5), new Batch(12, 6, 4));
    private static final EmEngine.Mapping<Double, Fitted> MAPPING = new EmEngine.Mapping<>(Fitted::new, Fitted::mean, Fitted::fit);

    private static EmEngine<Double, Batch, Sums, Fitted> engine(int maxIter, double tol, Convergence rule, int nInit,
                                                                   FitState.Listener<Fitted> states) {
        return new EmEngine<>(new HiddenMean(), new EmEngine.Settings<>(maxIter, tol, rule, nInit, 7, IterationListener.NONE,
                states), MAPPING);
    }

    @Test
    void itConvergesToTheObservedMeanAtTheKnownRate() {
        // both batches have observed mean 2, and half the values (9 of 20) missing: error shrinks by 9/20 per step
        Fitted fit = engine(200, 1e-12, Convergence.ABSOLUTE_CHANGE, 1, null).fitFrom(10.0, DataPass.of(DATA));
        assertEquals(2.0, fit.mean(), 1e-6);            // stopped once the objective (−11·error²) moved by < 1e-12
        assertTrue(fit.fit().converged());
        double[] history = fit.fit().history();
        for (int i = 2; i < history.length; i++) {
            // the objective is −11·error², so successive objectives shrink by (9/20)²
            assertEquals(Math.pow(9.0 / 20, 2), history[i] / history[i - 1], 1e-9, "iteration " + i);
        }
    }

    @Test
    void aToleranceOfZeroRunsEveryIterationUnderTheGainRule() {
        Fitted fit = engine(25, 0, Convergence.GAIN, 1, null).fitFrom(10.0, DataPass.of(DATA));
        assertEquals(25, fit.fit().iterations());
        assertFalse(fit.fit().converged());
        Fitted loose = engine(25, 1.0, Convergence.GAIN, 1, null).fitFrom(10.0, DataPass.of(DATA));
        assertTrue(loose.fit().converged() && loose.fit().iterations() < 25);
    }

    @Test
    void theBestRestartWinsAndEachRestartGetsItsOwnSeed() {
        List<Long> seeds = new ArrayList<>();
        Fitted best = engine(3, 0, Convergence.GAIN, 4, null).fit(seed -> {
            seeds.add(seed);
            return seeds.size() == 3 ? 2.5 : 50.0 + seeds.size();    // restart 2 starts nearest the answer
        }, DataPass.of(DATA), null);
        assertEquals(4, seeds.size());
        assertEquals(4, seeds.stream().distinct().count());
        double fromThird = 2 + 0.5 * Math.pow(9.0 / 20, 3);
        assertEquals(fromThird, best.mean(), 1e-12);
    }

    @Test
    void resumingFromAnySavedStateGivesTheUninterruptedFitBitForBit() {
        List<FitState<Fitted>> states = new ArrayList<>();
        java.util.function.LongFunction<Double> start = seed -> (double) (seed % 100);
        Fitted straight = engine(6, 0, Convergence.GAIN, 3, states::add).fit(start, DataPass.of(DATA), null);
        assertEquals(18, states.size());
        for (FitState<Fitted> state : states) {
            Fitted resumed = engine(6, 0, Convergence.GAIN, 3, null).fit(start, DataPass.of(DATA), state);
            assertEquals(Double.doubleToRawLongBits(straight.mean()), Double.doubleToRawLongBits(resumed.mean()),
                    "from run " + state.run() + ", iteration " + state.iteration());
            assertArrayEquals(straight.fit().history(), resumed.fit().history());
        }
    }

    @Test
    void partitionsMergedAreOnePassOverAllTheData() {
        HiddenMean model = new HiddenMean();
        Sums onePass = model.statistics(3.0);
        DATA.forEach(batch -> model.accumulate(3.0, batch, onePass));
        Sums first = model.statistics(3.0);
        Sums second = model.statistics(3.0);
        model.accumulate(3.0, DATA.get(0), first);
        model.accumulate(3.0, DATA.get(1), second);
        first.merge(second);
        assertEquals(onePass.total, first.total);
        assertEquals(onePass.count, first.count);
        assertEquals(onePass.objective(), first.objective());
        assertEquals(model.maximize(3.0, onePass), model.maximize(3.0, first));
    }
}
