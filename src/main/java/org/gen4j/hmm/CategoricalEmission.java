package org.gen4j.hmm;

import org.gen4j.core.Gen4jException;
import org.gen4j.core.ModelArchive;
import org.gen4j.data.OneHot;
import org.gen4j.stats.MissingValues;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.Random;

/**
 * One discrete symbol per step, coded 0..M-1 in a single column, with a probability table per state
 * {@code [K, M]} (hmmlearn's CategoricalHMM).
 */
public final class CategoricalEmission implements Emission {
    public static final String KIND = "categorical";
    private final INDArray probabilities;   // [K, M], rows sum to 1

    /** @param probabilities {@code [K, M]}, each row a distribution over the M symbols */
    public CategoricalEmission(INDArray probabilities) {
        if (probabilities.rank() != 2) {
            throw new Gen4jException("emission probabilities must have shape [states, symbols], got "
                    + Arrays.toString(probabilities.shape()));
        }
        HmmChecks.requireStochasticRows(probabilities, "emission probabilities");
        this.probabilities = probabilities;
    }

    /** Random rows drawn around the uniform distribution (the usual Baum–Welch start). */
    static CategoricalEmission random(int states, int symbols, Random random, org.nd4j.linalg.api.buffer.DataType dtype) {
        double[][] p = new double[states][symbols];
        for (int k = 0; k < states; k++) {
            double total = 0;
            for (int m = 0; m < symbols; m++) {
                p[k][m] = 1 + random.nextDouble();
                total += p[k][m];
            }
            for (int m = 0; m < symbols; m++) {
                p[k][m] /= total;
            }
        }
        return new CategoricalEmission(Nd4j.createFromArray(p).castTo(dtype));
    }

    public INDArray probabilities() {
        return probabilities.dup();
    }

    public int symbols() {
        return (int) probabilities.columns();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int states() {
        return (int) probabilities.rows();
    }

    @Override
    public int dimensions() {
        return 1;
    }

    /**
     * log p(x | k) by gathering through a one-hot product; log 0 = −∞ where a state cannot emit a symbol. A missing
     * step (NaN) has a row of zeros in the one-hot matrix; it emits with probability 1 in every state, so its
     * emission is skipped.
     */
    @Override
    public INDArray logLikelihood(INDArray x) {
        INDArray oneHot = OneHot.rows(x.reshape(x.rows()), symbols(), probabilities.dataType());     // [N, M]
        INDArray emitted = oneHot.mmul(probabilities.transpose());                                     // [N, K]
        if (MissingValues.any(x)) {
            double[] codes = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
            double[] missing = new double[codes.length];
            for (int n = 0; n < codes.length; n++) {
                missing[n] = Double.isNaN(codes[n]) ? 1 : 0;
            }
            emitted.addiColumnVector(Nd4j.createFromArray(missing).castTo(emitted.dataType()).reshape(codes.length, 1));
        }
        return Transforms.log(emitted, false);
    }

    @Override
    public void check(INDArray x) {
        if (x.rank() != 2 || x.columns() != 1) {
            throw new Gen4jException("categorical observations must be one column of symbol codes, got shape "
                    + Arrays.toString(x.shape()));
        }
        double[] codes = x.toDoubleVector();
        for (int n = 0; n < codes.length; n++) {
            double c = codes[n];
            if (Double.isNaN(c)) {
                continue;                                               // a missing step: its emission is skipped
            }
            if (!(c >= 0 && c < symbols()) || c != Math.rint(c)) {
                throw new Gen4jException("unknown symbol " + c + " at step " + n + " (the model knows symbols 0.."
                        + (symbols() - 1) + ")");
            }
        }
    }

    @Override
    public Accumulator accumulator() {
        return new CategoricalAccumulator();
    }

    /** Posterior-weighted statistics of this emission, summed over the batches of a pass. */
    private final class CategoricalAccumulator implements Accumulator {
        private INDArray counts;

        @Override
        public void add(Observations observations, INDArray gamma) {
            INDArray x = observations.raw();
            // a missing step's one-hot row is all zeros: it adds to no count
            INDArray oneHot = OneHot.rows(x.reshape(x.rows()), symbols(), gamma.dataType());
            INDArray batch = gamma.transpose().mmul(oneHot);                                  // [K, M]
            counts = counts == null ? batch : counts.addi(batch);
        }

        @Override
        public void merge(Accumulator other) {
            CategoricalAccumulator part = (CategoricalAccumulator) other;
            if (part.counts != null) {
                counts = counts == null ? part.counts.dup() : counts.addi(part.counts);
            }
        }

        @Override
        public Emission maximize() {
            INDArray rowSums = counts.sum(true, 1);
            // a state no step visited keeps a uniform row instead of 0/0
            org.nd4j.linalg.indexing.BooleanIndexing.replaceWhere(rowSums, 1.0,
                    org.nd4j.linalg.indexing.conditions.Conditions.equals(0.0));
            INDArray p = counts.divColumnVector(rowSums);
            double[] sums = p.sum(1).toDoubleVector();
            for (int k = 0; k < sums.length; k++) {
                if (sums[k] == 0) {
                    p.getRow(k).assign(1.0 / symbols());
                }
            }
            return new CategoricalEmission(p);
        }
    }

    /** A missing symbol becomes the most probable one under Σ_k p(z_t = k | x) p(symbol | k). */
    @Override
    public double[][] imputeExpected(double[][] steps, double[][] posteriors) {
        double[][] p = probabilities.toDoubleMatrix();
        double[][] out = new double[steps.length][];
        for (int t = 0; t < steps.length; t++) {
            out[t] = steps[t].clone();
            if (Double.isNaN(steps[t][0])) {
                int best = 0;
                double bestProbability = -1;
                for (int m = 0; m < symbols(); m++) {
                    double predictive = 0;
                    for (int k = 0; k < states(); k++) {
                        predictive += posteriors[t][k] * p[k][m];
                    }
                    if (predictive > bestProbability) {
                        bestProbability = predictive;
                        best = m;
                    }
                }
                out[t][0] = best;
            }
        }
        return out;
    }

    @Override
    public double[][] imputeDrawn(double[][] steps, int[] states, Random random) {
        double[][] p = probabilities.toDoubleMatrix();
        double[][] out = new double[steps.length][];
        for (int t = 0; t < steps.length; t++) {
            out[t] = steps[t].clone();
            if (Double.isNaN(steps[t][0])) {
                out[t][0] = HmmChecks.draw(p[states[t]], random.nextDouble());
            }
        }
        return out;
    }

    @Override
    public INDArray sample(int[] states, long seed) {
        Random random = new Random(seed);
        double[][] p = probabilities.toDoubleMatrix();
        double[] out = new double[states.length];
        for (int n = 0; n < states.length; n++) {
            out[n] = HmmChecks.draw(p[states[n]], random.nextDouble());
        }
        return Nd4j.createFromArray(out).castTo(probabilities.dataType()).reshape(states.length, 1);
    }

    @Override
    public long parameterCount() {
        return (long) states() * (symbols() - 1);
    }

    @Override
    public void write(ModelArchive.Writer archive) {
        archive.json().put("emission", KIND);
        archive.array("emissionProbabilities", probabilities);
    }

    static CategoricalEmission read(ModelArchive.Reader archive) {
        try {
            return new CategoricalEmission(archive.array("emissionProbabilities"));
        } catch (Gen4jException e) {
            throw archive.corrupt(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Categorical emission over " + symbols() + " symbols";
    }
}
