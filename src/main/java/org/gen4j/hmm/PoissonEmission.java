package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelArchive;
import org.gen4j.stats.MissingValues;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.Lgamma;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.Random;

/** Independent Poisson counts per column, with rates per state {@code [K, d]} (hmmlearn's PoissonHMM). */
public final class PoissonEmission implements Emission {
    public static final String KIND = "poisson";
    /** Rates are kept above this, so that log λ stays finite for states that saw only zeros. */
    static final double MIN_RATE = 1e-10;
    private final INDArray rates;   // [K, d]

    public PoissonEmission(INDArray rates) {
        if (rates.rank() != 2) {
            throw new Gen4jException("Poisson rates must have shape [states, d], got " + Arrays.toString(rates.shape()));
        }
        if (!Arrays.stream(rates.dup('c').data().asDouble()).allMatch(rate -> rate > 0 && Double.isFinite(rate))) {
            throw new Gen4jException("Poisson rates must be positive and finite, got " + rates);
        }
        this.rates = rates;
    }

    public INDArray rates() {
        return rates.dup();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int states() {
        return (int) rates.rows();
    }

    @Override
    public int dimensions() {
        return (int) rates.columns();
    }

    /**
     * Σ_j x_j log λ_kj − λ_kj − log x_j!, for all steps and states in one product. A missing count (NaN) drops out
     * of the sum: the coordinates are independent given the state, so what remains is the density of the observed ones.
     */
    @Override
    public INDArray logLikelihood(INDArray x) {
        INDArray data = x.dataType() == rates.dataType() ? x : x.castTo(rates.dataType());
        if (MissingValues.any(data)) {
            ObservedCounts observed = ObservedCounts.of(data);
            INDArray logFactorials = Nd4j.exec(new Lgamma(observed.counts().add(1.0)))[0].sum(true, 1);     // [N, 1]
            return observed.counts().mmul(Transforms.log(rates, true).transpose())                          // [N, K]
                    .subi(observed.mask().mmul(rates.transpose()))
                    .subiColumnVector(logFactorials);
        }
        INDArray logFactorials = Nd4j.exec(new Lgamma(data.add(1.0)))[0].sum(true, 1);          // [N, 1]
        return data.mmul(Transforms.log(rates, true).transpose())                                 // [N, K]
                .subiRowVector(rates.sum(true, 1).reshape(1, states()))
                .subiColumnVector(logFactorials);
    }

    /** Counts with 0 where one is missing, and the mask of those observed (1) and missing (0), both {@code [N, d]}. */
    private record ObservedCounts(INDArray counts, INDArray mask) {
        static ObservedCounts of(INDArray x) {
            double[][] values = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
            double[][] mask = new double[values.length][];
            for (int n = 0; n < values.length; n++) {
                mask[n] = new double[values[n].length];
                for (int j = 0; j < values[n].length; j++) {
                    boolean seen = !Double.isNaN(values[n][j]);
                    mask[n][j] = seen ? 1 : 0;
                    values[n][j] = seen ? values[n][j] : 0;
                }
            }
            return new ObservedCounts(Nd4j.createFromArray(values).castTo(x.dataType()),
                    Nd4j.createFromArray(mask).castTo(x.dataType()));
        }
    }

    @Override
    public void check(INDArray x) {
        if (x.rank() != 2 || x.columns() != dimensions()) {
            throw new Gen4jException("Poisson observations must have " + dimensions() + " columns, got shape "
                    + Arrays.toString(x.shape()));
        }
        double[][] values = x.toDoubleMatrix();
        for (int n = 0; n < values.length; n++) {
            for (int j = 0; j < values[n].length; j++) {
                double v = values[n][j];
                if (Double.isNaN(v)) {
                    continue;                                           // missing: dropped from the step's density
                }
                if (!(v >= 0) || v != Math.rint(v) || Double.isInfinite(v)) {
                    throw new Gen4jException("Poisson observations must be counts (whole numbers >= 0); got " + v
                            + " at step " + n + ", column " + j);
                }
            }
        }
    }

    @Override
    public Accumulator accumulator() {
        return new PoissonAccumulator();
    }

    /** Posterior-weighted statistics of this emission, summed over the batches of a pass. */
    private final class PoissonAccumulator implements Accumulator {
        private INDArray weightedSums;   // [K, d]
        private INDArray counts;         // [K, d]: the posterior mass of the steps that observed each coordinate

        @Override
        public void add(Observations observations, INDArray gamma) {
            INDArray x = observations.raw();
            INDArray data = x.dataType() == gamma.dataType() ? x : x.castTo(gamma.dataType());
            INDArray sums;
            INDArray nk;
            if (MissingValues.any(data)) {
                ObservedCounts observed = ObservedCounts.of(data);
                sums = gamma.transpose().mmul(observed.counts());
                nk = gamma.transpose().mmul(observed.mask());
            } else {
                sums = gamma.transpose().mmul(data);
                nk = gamma.sum(0).reshape(gamma.columns(), 1).repeat(1, dimensions());
            }
            weightedSums = weightedSums == null ? sums : weightedSums.addi(sums);
            counts = counts == null ? nk : counts.addi(nk);
        }

        @Override
        public void merge(Accumulator other) {
            PoissonAccumulator part = (PoissonAccumulator) other;
            if (part.counts != null) {
                weightedSums = weightedSums == null ? part.weightedSums.dup() : weightedSums.addi(part.weightedSums);
                counts = counts == null ? part.counts.dup() : counts.addi(part.counts);
            }
        }

        @Override
        public Emission maximize() {
            INDArray safeCounts = Transforms.max(counts, 1e-300, true);
            return new PoissonEmission(Transforms.max(weightedSums.div(safeCounts), MIN_RATE, false));
        }
    }

    /** A missing count becomes its posterior mean Σ_k p(z_t = k | x) λ_kj (not a whole number in general). */
    @Override
    public double[][] imputeExpected(double[][] steps, double[][] posteriors) {
        double[][] lambda = rates.toDoubleMatrix();
        return withGapsFilled(steps, (t, j) -> {
            double mean = 0;
            for (int k = 0; k < states(); k++) {
                mean += posteriors[t][k] * lambda[k][j];
            }
            return mean;
        });
    }

    @Override
    public double[][] imputeDrawn(double[][] steps, int[] states, Random random) {
        double[][] lambda = rates.toDoubleMatrix();
        return withGapsFilled(steps, (t, j) -> poisson(lambda[states[t]][j], random));
    }

    /** The value for the missing count of step t, column j. */
    private interface GapValue {
        double at(int t, int j);
    }

    /** A copy of the steps with each missing count replaced by {@code fill.at(t, j)}, in step order. */
    private double[][] withGapsFilled(double[][] steps, GapValue fill) {
        double[][] out = new double[steps.length][];
        for (int t = 0; t < steps.length; t++) {
            out[t] = steps[t].clone();
            for (int j = 0; j < dimensions(); j++) {
                if (Double.isNaN(steps[t][j])) {
                    out[t][j] = fill.at(t, j);
                }
            }
        }
        return out;
    }

    @Override
    public INDArray sample(int[] states, long seed) {
        Random random = new Random(seed);
        double[][] lambda = rates.toDoubleMatrix();
        double[][] out = new double[states.length][dimensions()];
        for (int n = 0; n < states.length; n++) {
            for (int j = 0; j < dimensions(); j++) {
                out[n][j] = poisson(lambda[states[n]][j], random);
            }
        }
        return Nd4j.createFromArray(out).castTo(rates.dataType());
    }

    /** Knuth's multiplication method for small rates, a normal approximation with continuity rounding above 500. */
    private static double poisson(double lambda, Random random) {
        if (lambda > 500) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    @Override
    public long parameterCount() {
        return (long) states() * dimensions();
    }

    @Override
    public void write(ModelArchive.Writer archive) {
        archive.json().put("emission", KIND);
        archive.array("rates", rates);
    }

    static PoissonEmission read(ModelArchive.Reader archive) {
        try {
            return new PoissonEmission(archive.array("rates"));
        } catch (Gen4jException e) {
            throw archive.corrupt(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Poisson emission, rates " + rates;
    }
}
