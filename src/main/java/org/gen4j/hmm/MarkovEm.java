package org.gen4j.hmm;

import org.gen4j.stats.ComputeWorkspace;
import org.gen4j.em.EmModel;
import org.gen4j.em.EmStatistics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * A hidden Markov model's half of EM (Baum–Welch): forward–backward per chunk of sequences gives expected start,
 * transition and emission statistics; the M-step re-estimates the parameters named in {@code params} ("s", "t",
 * "e"), with Dirichlet priors on the start and transition rows.
 */
final class MarkovEm implements EmModel<MarkovEm.Parameters, MarkovEm.Chunk, MarkovEm.Expectations>, java.io.Serializable {
    private final String params;
    private final double startPrior;
    private final double transitionPrior;

    MarkovEm(String params, double startPrior, double transitionPrior) {
        this.params = params;
        this.startPrior = startPrior;
        this.transitionPrior = transitionPrior;
    }

    /** What Baum–Welch fits. */
    record Parameters(INDArray startProb, INDArray transMat, Emission emission) implements java.io.Serializable {
    }

    /**
     * Observations as the current emission computes with them, the lengths of their sequences, and what each
     * sequence counts for (null: one each).
     */
    record Chunk(Emission.Observations observations, int[] lengths, double[] sequenceWeights) {
        Chunk(Emission.Observations observations, int[] lengths) {
            this(observations, lengths, null);
        }

        /** @return {@code [N, 1]} each step's sequence weight */
        INDArray stepWeights(org.nd4j.linalg.api.buffer.DataType dtype) {
            double[] steps = new double[Arrays.stream(lengths).sum()];
            int at = 0;
            for (int i = 0; i < lengths.length; i++) {
                Arrays.fill(steps, at, at + lengths[i], sequenceWeights[i]);
                at += lengths[i];
            }
            return org.nd4j.linalg.factory.Nd4j.createFromArray(steps).castTo(dtype).reshape(steps.length, 1);
        }
    }

    /** Expected counts summed over the chunks of one pass; the objective is the total log-likelihood. */
    static final class Expectations implements EmStatistics<Expectations>, java.io.Serializable {
        private INDArray startCounts;
        private INDArray transitionCounts;
        private final Emission.Accumulator emission;
        private double logLikelihood;

        Expectations(Emission.Accumulator emission) {
            this.emission = emission;
        }

        void add(Chunk chunk, ForwardBackward.Result e) {
            double[] w = chunk.sequenceWeights();
            for (int i = 0; i < e.logLikelihood().length; i++) {
                logLikelihood += w == null ? e.logLikelihood()[i] : w[i] * e.logLikelihood()[i];
            }
            startCounts = startCounts == null ? e.firstPosteriors() : startCounts.addi(e.firstPosteriors());
            transitionCounts = transitionCounts == null ? e.transitionCounts() : transitionCounts.addi(e.transitionCounts());
            if (emission != null) {
                // the emission statistics are linear in the posteriors: weighting them weights every sum
                emission.add(chunk.observations(), w == null ? e.posteriors()
                        : e.posteriors().mulColumnVector(chunk.stepWeights(e.posteriors().dataType())));
            }
        }

        @Override
        public double objective() {
            return logLikelihood;
        }

        @Override
        public void merge(Expectations other) {
            if (other.startCounts == null) {
                return;
            }
            logLikelihood += other.logLikelihood;
            startCounts = startCounts == null ? other.startCounts.dup() : startCounts.addi(other.startCounts);
            transitionCounts = transitionCounts == null ? other.transitionCounts.dup() : transitionCounts.addi(other.transitionCounts);
            if (emission != null) {
                emission.merge(other.emission);
            }
        }
    }

    @Override
    public Expectations statistics(Parameters current) {
        return new Expectations(params.contains("e") ? current.emission().accumulator() : null);
    }

    @Override
    public void accumulate(Parameters current, Chunk chunk, Expectations into) {
        INDArray logEmission = current.emission().logLikelihood(chunk.observations());
        into.add(chunk, chunk.sequenceWeights() == null
                ? ForwardBackward.run(current.startProb(), current.transMat(), logEmission, chunk.lengths(), true)
                : ForwardBackward.run(current.startProb(), current.transMat(), logEmission, chunk.lengths(), chunk.sequenceWeights()));
    }

    /** The M-step; the new parameters are detached from the iteration's workspace. */
    @Override
    public Parameters maximize(Parameters current, Expectations e) {
        INDArray startProb = current.startProb();
        if (params.contains("s")) {
            INDArray counts = e.startCounts.addi(startPrior - 1);
            startProb = normalizedRows(Transforms.max(counts, 0.0, false).reshape(1, counts.length()),
                    current.startProb().reshape(1, counts.length())).reshape(counts.length());
        }
        INDArray transMat = current.transMat();
        if (params.contains("t")) {
            INDArray counts = e.transitionCounts.addi(transitionPrior - 1);
            // a transition that started at zero stays zero whatever the prior
            counts.muli(current.transMat().gt(0).castTo(counts.dataType()));
            transMat = normalizedRows(Transforms.max(counts, 0.0, false), current.transMat());
        }
        Emission emission = e.emission != null ? e.emission.maximize() : current.emission();
        return new Parameters(startProb.detach(), transMat.detach(), detached(emission));
    }

    @Override
    public Scope iterationScope() {
        return ComputeWorkspace.open("gen4j-hmm-baum-welch")::close;
    }

    /** Rows scaled to sum to 1; a row with no mass keeps its previous values. */
    private static INDArray normalizedRows(INDArray counts, INDArray previous) {
        INDArray sums = counts.sum(true, 1);
        double[] s = sums.toDoubleVector();
        INDArray out = counts.dup();
        for (int r = 0; r < s.length; r++) {
            if (s[r] > 0) {
                out.getRow(r).divi(s[r]);
            } else {
                out.getRow(r).assign(previous.getRow(r));
            }
        }
        return out;
    }

    private static Emission detached(Emission emission) {
        if (emission instanceof GaussianEmission g) {
            return new GaussianEmission(g.gaussians().detached(), g.regCovar());
        }
        if (emission instanceof CategoricalEmission c) {
            return new CategoricalEmission(c.probabilities().detach());
        }
        if (emission instanceof PoissonEmission p) {
            return new PoissonEmission(p.rates().detach());
        }
        if (emission instanceof GaussianMixtureEmission m) {
            return new GaussianMixtureEmission(m.gaussians().detached(), m.weights().detach(), m.regCovar());
        }
        return emission;
    }
}
